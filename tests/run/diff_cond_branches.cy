/* found by tests/difftest (family cond, issue 10), minimised: #if/#else
 * inside a coroutine with a yield in each branch; one translation serves
 * both configurations (diff_cond_branches.cfg: CFG 0 and CFG 1) */
#include <stdio.h>

#ifndef CFG
#define CFG 0
#endif

coroutine(int) int c0(int a)
{
    int s = a;
#if CFG
    yield s * 2;
    s += 100;
#else
    yield s * 3;
    s += 200;
#endif
    yield s;
    return s;
}

int main(void)
{
    cy_task *t = c0(5);
    while (cy_task_step(t) > 0)
        printf("y %d\n", CY_YIELDED(t, int));
    printf("FINISHED %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
