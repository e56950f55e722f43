/* UTF-8 identifiers pass through untouched, frame locals included. */
#include <stdio.h>

coroutine int aire(int rayon)
{
    int π = 3;
    yield;
    return π * rayon * rayon;
}

int main(void)
{
    cy_task *t = aire(2);
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
