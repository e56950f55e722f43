/* The program tests/cli/gdb_session.sh debugs with session.gdb: a plain
 * function before the first coroutine, a generator stepped by hand, and
 * a task three awaits deep on a loop.  Line numbers matter: session.gdb
 * and session.expected name them. */
#include <stdio.h>

static cy_loop loop;

static int twice(int v)
{
    int r = v * 2;
    return r;
}

coroutine int counter(int n)
{
    int i;
    for (i = 0; i < n; i++)
        yield;
    return i;
}

coroutine int leaf(int n)
{
    int x = twice(n);
    await cy_sleep(&loop, 1);
    x = x + 1;
    return x;
}

coroutine int inner(int n)
{
    int y = await leaf(n + 1);
    return y + 1;
}

coroutine int outer(int n)
{
    int z = await inner(n + 1);
    return z + 1;
}

coroutine void ticker(int k)
{
    for (int i = 0; i < k; i++)
        yield;
}

int main(void)
{
    cy_task *c = counter(2);
    int steps = 0;
    while (cy_task_step(c) == 1)
        steps++;
    printf("counter: %d after %d steps\n", CY_RESULT(c, int), steps);
    cy_task_free(c);

    cy_loop_init(&loop);
    cy_loop_set_virtual_time(&loop, 1);
    cy_task *t = outer(1);
    cy_loop_schedule(&loop, ticker(3));
    cy_loop_run_until_complete(&loop, t);
    printf("outer: %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    cy_loop_close(&loop);
    return 0;
}
