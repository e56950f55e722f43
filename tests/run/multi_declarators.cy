/* A declaration whose declarators go some into the frame, some not: each
 * keeps its meaning (a global of the same name must not be read). */
#include <stdio.h>
int x = 1000, q = 2000;

coroutine int f(int p)
{
    int x = p, y = 2;               /* no suspension follows: neither in the frame */
    defer printf("y=%d\n", y);
    return x + y;
}

coroutine int g(int p)
{
    int q = p * 2, r[2] = {p, q}, s = r[1], t = 5;  /* r, s live across the yield */
    (void)t;
    yield;
    return r[0] + s;
}

int main(void)
{
    cy_task *t = f(40);
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    t = g(7);
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
