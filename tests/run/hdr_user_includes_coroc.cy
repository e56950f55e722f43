/* issue 9: a user header that includes coroc.h must not break coroc's
 * typedef learning: pair_t and count_t come from it */
#include <stdio.h>
#include "hdr_user_includes_coroc.h"

coroutine int f(count_t k)
{
    pair_t p = {k, 2};
    count_t *q = &p.b;
    yield;
    return p.a * *q;
}

int main(void)
{
    cy_task *t = f(21);
    while (cy_task_step(t) > 0)
        ;
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
