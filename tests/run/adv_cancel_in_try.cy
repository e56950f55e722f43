/* adversarial: cancellation and free while suspended inside try, inside a
 * switch, inside an awaited child; defers see the locals */
#include <stdio.h>
#include <stdlib.h>

coroutine int child(int id)
{
    int *mem = malloc(sizeof *mem);
    *mem = id;
    defer { printf("child%d free ", *mem); free(mem); }
    for (;;) yield;
    return 0;
}

coroutine(int) int parent(int mode)
{
    int local = 7;
    defer printf("parent defer local=%d ", local);
    try {
        local = 8;
        yield 1;
        switch (mode) {
        case 0:
            try {
                local = 9;
                await child(mode);        /* cancelled in here */
            } catch (int e) {
                printf("never %d ", e);
            }
            break;
        case 1:
            yield 2;                      /* cancelled here */
            /* fall through */
        default:
            throw -5;
        }
    } catch (int e) {
        printf("caught %d ", e);
        local = e;
        yield 3;
    }
    return local;
}

int main(void)
{
    for (int mode = 0; mode < 4; mode++) {
        cy_task *t = parent(mode);
        int steps = 0;
        while (cy_task_step(t) > 0 && ++steps < (mode == 3 ? 1 : 3))
            ;
        printf("[mode %d steps %d] ", mode, steps);
        if (mode == 3) {
            cy_task_free(t);           /* freed while suspended */
            printf("freed\n");
            continue;
        }
        int rc = cy_task_cancel(t);
        printf("cancel rc=%d status=%s\n", rc, cy_status_name(cy_task_status(t)));
        cy_task_free(t);
    }
    return 0;
}
