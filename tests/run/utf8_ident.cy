/* issue 9: UTF-8 identifiers pass through untouched, also as frame locals */
#include <stdio.h>

static int π = 3;

coroutine int f(void)
{
    int größe = π * 2, ñ = 5;
    yield;
    return größe * 10 + ñ;
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
