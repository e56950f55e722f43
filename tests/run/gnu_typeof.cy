/* issue 9: __typeof__/typeof of frame locals */
#include <stdio.h>

coroutine int f(void)
{
    long big = 1L << 40;
    short sm = 7;
    yield;
    __typeof__(big) b2 = big + 1;
    __typeof__(sm) s2 = (__typeof__(sm))(sm * 3);
    yield;
    return (int)(b2 >> 38) * 100 + s2 + (int)sizeof(__typeof__(big)) * 1000;
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        ;
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
