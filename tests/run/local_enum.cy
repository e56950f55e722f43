/* issue 9: enum { LO = -3, HI = 3 } e = HI; in a coroutine, kept across a yield, enumerators keep their values */
#include <stdio.h>

coroutine int f(void)
{
    enum { LO = -3, MID, HI = 3 } e = HI;
    yield;
    int r = e * 100 + LO * 10 + MID;
    yield;
    return r + (int)sizeof e;
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
