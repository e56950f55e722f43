/* A cancels B while B awaits A: the cascade cancels A while A runs; A then
 * returns 7, which lands in the header's err; C, awaiting A in a try, catches it */
#include <stdio.h>
static cy_task *ta, *tb, *tc;
coroutine void waiter(void)
{
    await ta;
}
coroutine void catcher(void)
{
    try {
        await ta;
        puts("C: A finished");
    } catch (int e) {
        printf("C caught %d\n", e);
    }
}
coroutine int canceller(long k)
{
    yield;
    cy_task_cancel(tb);
    return 7 + (int)k;
}
int main(void)
{
    cy_loop loop;
    cy_loop_init(&loop);
    ta = canceller(0);
    tb = waiter();
    tc = catcher();
    cy_loop_launch(&loop, ta);
    cy_loop_launch(&loop, tb);
    cy_loop_launch(&loop, tc);
    cy_loop_run(&loop);
    printf("A: status %s error %d\n", cy_status_name(cy_task_status(ta)), cy_task_error(ta));
    cy_loop_close(&loop);
    cy_task_free(ta);
    cy_task_free(tb);
    cy_task_free(tc);
    return 0;
}
