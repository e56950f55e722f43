/* cy_loop_dump and cy_task_where: every task of a loop with its status,
 * ready or waiting, and its chain of awaiting frames, each at the .cy
 * line where it is suspended (the line numbers below are this file's). */
#include <stdio.h>

static cy_loop loop;
static cy_lock lock;

coroutine void leaf(void)
{
    await cy_sleep(&loop, 5);
}

coroutine void mid(void)
{
    await leaf();
}

coroutine void sleeper(void)
{
    await mid();
}

coroutine int worker(void)
{
    await cy_sleep(&loop, 1);
    return 7;
}

coroutine void joiner(cy_task *w)
{
    await w;
}

coroutine void locker(void)
{
    await cy_lock_acquire(&loop, &lock);
    cy_lock_release(&lock);
}

coroutine void ticker(void)
{
    yield;
    yield;
    /* everyone else has run once by now */
    if (cy_loop_dump(&loop, stdout) != 0)
        printf("dump failed\n");
}

int main(void)
{
    if (cy_loop_init(&loop) || cy_lock_init(&lock))
        return 1;
    cy_loop_set_virtual_time(&loop, 1);
    cy_task *w = worker();
    char where[64];
    cy_task_where(w, where, sizeof where);
    printf("before it starts: %s\n", where);
    cy_loop_schedule(&loop, ticker());
    cy_loop_schedule(&loop, sleeper());
    cy_loop_launch(&loop, w);
    cy_loop_schedule(&loop, joiner(w));
    /* held, so that locker waits */
    cy_task *hold = cy_lock_acquire(&loop, &lock);
    while (cy_task_step(hold) == 1)
        ;
    cy_task_free(hold);
    cy_loop_schedule(&loop, locker());
    cy_loop_schedule(&loop, mid());
    cy_loop_dump(&loop, stdout);
    cy_loop_run_until_complete(&loop, w);
    cy_task_where(w, where, sizeof where);
    printf("done: %s\n", where);
    cy_lock_release(&lock);
    cy_loop_run(&loop);
    cy_task_free(w);
    cy_loop_dump(&loop, stdout);
    cy_loop_close(&loop);
    return 0;
}
