#pragma GCC diagnostic ignored "-Wmissing-braces" /* brace elision is what this tests */
/* Arrays sized by their initialisers keep the sizes C gives them when they
 * move into the frame: braces around a string, brace elision, designators,
 * initialisers that name locals. */
#include <stdio.h>
struct P { int x, y; };
coroutine int f(int k)
{
    char s[] = {"abc"};
    char t[] = "hello";
    struct P ps[] = {1, 2, 3, 4};
    int m[][2] = {1, 2, 3, 4, 5};
    int d[] = {[5] = 1};
    int loc[] = {k, k + 1, k + 2};
    struct P bp[] = {{k, 1}, {2, k}};
    const char *names[] = {"a", "b", __func__};
    yield;
    printf("%zu %zu %zu %zu %zu %zu %zu %zu %s\n", sizeof s, sizeof t, sizeof ps / sizeof ps[0],
           sizeof m / sizeof m[0], sizeof d / sizeof d[0], sizeof loc / sizeof loc[0],
           sizeof bp / sizeof bp[0], sizeof names / sizeof names[0], s);
    return loc[2] + bp[1].y + d[5] + m[2][0] + ps[1].y;
}
int main(void)
{
    cy_task *t = f(10);
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
