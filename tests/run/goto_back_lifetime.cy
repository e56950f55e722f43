/* a goto back to a label keeps its block, and its locals, alive across a
 * suspension that comes before their declaration */
#include <stdio.h>

static void clobber(void)
{
    volatile char buf[512];
    for (int i = 0; i < 512; i++) buf[i] = (char)0x55;
    (void)buf[0];
}

coroutine void gl(void)
{
    int *p = 0;
again:
    yield;
    if (p) {
        printf("%d\n", *p);      /* x is still alive: its block was never left */
        return;
    }
    int x = 42;
    p = &x;
    goto again;                  /* backwards, inside x's block */
}

int main(void)
{
    cy_task *t = gl();
    while (cy_task_step(t) > 0)
        clobber();
    cy_task_free(t);
    return 0;
}
