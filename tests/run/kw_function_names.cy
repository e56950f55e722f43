/* issue 9: a plain C function named yield or await, and locals named try/defer in plain C functions, pass through (only coroutine at file scope is coroc's) */
#include <stdio.h>

static int yield(int v) { return v + 1; }
static int await(int v) { return v * 2; }

static int plain(void)
{
    int try = 3, defer = 4, catch = 5, throw = 6;
    return yield(try) + await(defer) + catch * throw;
}

coroutine int f(void)
{
    int r = plain();
    yield;
    return r;
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
