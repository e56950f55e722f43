/* issue 9: try, defer, yield, await, throw, catch as struct members (l->try, s.defer) pass through, in a coroutine and outside */
#include <stdio.h>

struct st { int try, defer, yield, await, throw, catch; };

static int plain(struct st *l)
{
    return l->try + l->defer * 2 + l->yield * 3 + l->await * 4;
}

coroutine int f(void)
{
    struct st s = {1, 2, 3, 4, 5, 6};
    struct st *l = &s;
    yield;
    l->try += s.defer;
    yield;
    return plain(l) * 10 + s.throw + l->catch;
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
