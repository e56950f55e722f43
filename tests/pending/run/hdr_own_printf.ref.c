/* old-style declarations, as old code has them: gcc only warns */
#pragma GCC diagnostic ignored "-Wbuiltin-declaration-mismatch"
int printf(char *fmt, ...);
typedef __SIZE_TYPE__ size_t;
size_t strlen();

static int f(const char *s) { return (int)strlen(s); }

int main(void)
{
    printf("%d\n", f("hello"));
    return 0;
}
