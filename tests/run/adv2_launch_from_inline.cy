/* tasks launched from inside inline children (embedded and region), awaited
 * by a later-defined coroutine as task handles; FIFO with a ticker */
#include <stdio.h>

static cy_loop loop;
static int live;

coroutine int worker(int id);
coroutine int join(cy_task *t);

coroutine int spawn(int id)          /* runs inline in its callers */
{
    live++;
    defer live--;
    cy_task *t = worker(id);
    cy_loop_launch(&loop, t);
    printf("spawn %d ", id);
    int r = await join(t);           /* allocated: awaits the handle */
    return r;
}

coroutine int tree(int n)
{
    live++;
    defer live--;
    if (n == 0)
        return await spawn(0);
    int a = await spawn(n);
    int b = await tree(n - 1);
    return a + b;
}

coroutine int worker(int id)
{
    live++;
    defer live--;
    printf("w%d@%g ", id, cy_loop_time(&loop));
    await cy_sleep(&loop, id % 3);
    printf("W%d@%g ", id, cy_loop_time(&loop));
    return id * 2;
}

coroutine int join(cy_task *t)
{
    live++;
    defer { live--; cy_task_free(t); }
    await t;
    return CY_RESULT(t, int);
}

coroutine void ticker(int n)
{
    for (int i = 0; i < n; i++) {
        printf("t%d@%g ", i, cy_loop_time(&loop));
        await cy_sleep(&loop, 1);
    }
}

int main(void)
{
    cy_loop_init(&loop);
    cy_loop_set_virtual_time(&loop, 1);
    cy_task *t = tree(5);
    cy_loop_launch(&loop, t);
    cy_loop_schedule(&loop, ticker(4));
    cy_loop_run(&loop);
    printf("\ntree: %s %d live=%d t=%g\n", cy_status_name(cy_task_status(t)), CY_RESULT(t, int), live, cy_loop_time(&loop));
    cy_task_free(t);
    /* cancel while a join waits on a worker */
    t = tree(5);
    cy_loop_launch(&loop, t);
    cy_loop_schedule(&loop, ticker(2));
    cy_loop_run(&loop);
    printf("\nsecond: %s live=%d\n", cy_status_name(cy_task_status(t)), live);
    cy_task_free(t);
    t = tree(4);
    cy_task *tk = ticker(3);
    cy_loop_launch(&loop, t);
    cy_loop_launch(&loop, tk);
    cy_loop_run_until_complete(&loop, tk);
    printf("\nlive=%d ", live);
    cy_task_cancel(t);
    printf("cancelled: live=%d ", live);
    cy_loop_run(&loop);
    printf("after run: live=%d\n", live);
    cy_task_free(t);
    cy_task_free(tk);
    cy_loop_close(&loop);
    return 0;
}
