/* issue 9: a file that declares printf itself, without <stdio.h>, must not
 * meet a second, different declaration from the header coroc inserts */
/* old-style declarations, as old code has them: gcc only warns */
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Wunknown-warning-option"
#pragma GCC diagnostic ignored "-Wbuiltin-declaration-mismatch"
#pragma GCC diagnostic ignored "-Wincompatible-library-redeclaration"
int printf(char *fmt, ...);
typedef __SIZE_TYPE__ size_t;
size_t strlen();

coroutine int f(const char *s)
{
    yield;
    return (int)strlen(s);
}

int main(void)
{
    cy_task *t = f("hello");
    while (cy_task_step(t) > 0)
        ;
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
