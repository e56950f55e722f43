/* A cancels B while B awaits A: cancelling B cancels A (asyncio), while A
 * runs; A then goes on with its body and reads its local k */
#include <stdio.h>
static cy_task *ta, *tb;
static int seen;
coroutine void waiter(void)
{
    await ta;
    puts("waiter: not reached");
}
coroutine int canceller(int k)
{
    yield;
    cy_task_cancel(tb);
    seen = k;
    return k;
}
static void hook(cy_loop *l, cy_task *t, void *arg) { (void)l; (void)arg; cy_task_print(t, stdout); putchar('\n'); }
int main(void)
{
    cy_loop loop;
    cy_loop_init(&loop);
    ta = canceller(42);
    tb = waiter();
    cy_loop_launch(&loop, ta);
    cy_loop_launch(&loop, tb);
    cy_loop_run(&loop);
    printf("seen %d\n", seen);
    printf("a: "); cy_task_print(ta, stdout); printf(" err %d\n", cy_task_error(ta));
    printf("b: "); cy_task_print(tb, stdout); printf(" err %d\n", cy_task_error(tb));
    (void)hook;
    cy_loop_close(&loop);
    cy_task_free(ta);
    cy_task_free(tb);
    return 0;
}
