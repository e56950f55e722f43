/* issue 9: an array compound literal used only inside one statement, in a block that suspends later, is not refused (no pointer to it survives) */
#include <stdio.h>

coroutine int f(void)
{
    int s = 0;
    for (int i = 0; i < 3; i++) {
        s = s * 10 + ((int[]){4, 5, 6})[i];
        yield;
    }
    return s;
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
