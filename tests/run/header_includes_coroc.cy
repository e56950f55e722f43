/* A user header that includes coroc.h must not break the learning of the
 * typedefs of the file's headers (box_t here). */
#include "header_with_coroc.h"
#include <stdio.h>

coroutine int unbox(box_t b)
{
    yield;
    return b.v;
}

int main(void)
{
    box_t b = { 7 };
    cy_task *t = unbox(b);
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
