/*
 * sleep_wait.cy - in the style of the article's third part (its faithful
 * port is article/3-sleep_test.cy), on the runtime's loop: three tasks
 * sleep for 3,
 * 1 and 2 seconds, started together; each prints its message when it
 * wakes, so they print in the order of their delays.
 *
 *   @asyncio.coroutine
 *   def sleep_test(delay, msg):
 *       yield from asyncio.sleep(delay)
 *       print(msg)
 *
 *   loop.run_until_complete(asyncio.wait([sleep_test(3, "trois"),
 *                                         sleep_test(1, "un"),
 *                                         sleep_test(2, "deux")]))
 *
 * The loop's unit of time is 10 ms here (cy_loop_set_time_scale), so the
 * program takes 30 ms, not 3 s.  While all three sleep, the loop sleeps in
 * the OS until the first timer is due.
 */
#include <stdio.h>

static coroutine void sleep_test(cy_loop *loop, double delay, const char *msg)
{
    await cy_sleep(loop, delay);
    printf("%s\n", msg);
}

int main(void)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    cy_loop_set_time_scale(&loop, 0.01);
    cy_task *tasks[3] = {
        sleep_test(&loop, 3, "trois"),
        sleep_test(&loop, 1, "un"),
        sleep_test(&loop, 2, "deux"),
    };
    int rc = 1;
    if (tasks[0] && tasks[1] && tasks[2] &&
        cy_loop_wait(&loop, tasks, 3) == 0)
        rc = 0;
    for (int i = 0; i < 3; i++)
        cy_task_free(tasks[i]);
    cy_loop_close(&loop);
    return rc;
}
