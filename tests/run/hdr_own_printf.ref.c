/* old-style declarations, as old code has them: gcc only warns */
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Wunknown-warning-option"
#pragma GCC diagnostic ignored "-Wbuiltin-declaration-mismatch"
#pragma GCC diagnostic ignored "-Wincompatible-library-redeclaration"
int printf(char *fmt, ...);
typedef __SIZE_TYPE__ size_t;
size_t strlen();

static int f(const char *s) { return (int)strlen(s); }

int main(void)
{
    printf("%d\n", f("hello"));
    return 0;
}
