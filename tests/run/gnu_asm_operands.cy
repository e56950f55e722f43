/* issue 9: an asm statement's operands naming frame locals read and write the frame */
#include <stdio.h>

coroutine int f(void)
{
    int in = 20, out = 0;
    yield;
    __asm__ volatile ("" : "=r"(out) : "0"(in + 1));
    yield;
    __asm__ ("" : "+r"(in));
    return out * 100 + in;
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
