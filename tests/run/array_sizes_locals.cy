/* Arrays sized by initialisers that name locals, kept in the frame:
 * designators with local values, brace elision with scalar leaves. */
#pragma GCC diagnostic ignored "-Wmissing-braces" /* brace elision is what this tests */
#include <stdio.h>
struct P { int x, y; };

coroutine int f(int k, int *p)
{
    int d[] = {[3] = k, [1] = k * 2};
    struct P ps[] = {k, k + 1, (k > 2), -k, k ? 1 : 2, ~k};
    int m[][2] = {k, k, k};
    int *ptrs[] = {[2] = p};
    yield;
    printf("%zu %zu %zu %zu\n", sizeof d / sizeof d[0], sizeof ps / sizeof ps[0],
           sizeof m / sizeof m[0], sizeof ptrs / sizeof ptrs[0]);
    return d[3] + ps[2].x + m[1][0] + *ptrs[2];
}

int main(void)
{
    int v = 100;
    cy_task *t = f(5, &v);
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
