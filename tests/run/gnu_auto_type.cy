/* issue 9: __auto_type locals kept in the frame */
#include <stdio.h>

coroutine int f(void)
{
    __auto_type d = 2.75;
    __auto_type n = 40u;
    yield;
    __auto_type p = &n;
    yield;
    return (int)(d * 4) + (int)*p + (int)sizeof d;
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
