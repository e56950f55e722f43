/* worker a cancels the supervisor that gathers it; cancelling the gather
 * cancels a while it runs (as asyncio would flag it); a goes on and counts */
#include <stdio.h>
static cy_loop loop;
static cy_task *sup, *ws[2];
static int out_a;
coroutine void worker(int id)
{
    int count = id * 100;
    yield;
    count++;
    if (id == 1)
        cy_task_cancel(sup);
    count++;
    if (id == 1)
        out_a = count + id;
}
coroutine void supervisor(void)
{
    await cy_gather(&loop, ws, 2);
}
int main(void)
{
    cy_loop_init(&loop);
    ws[0] = worker(1);
    ws[1] = worker(2);
    sup = supervisor();
    cy_loop_launch(&loop, sup);
    cy_loop_run(&loop);
    printf("worker 1 counted %d\n", out_a);
    for (int i = 0; i < 2; i++) { cy_task_print(ws[i], stdout); printf(" %d\n", cy_task_error(ws[i])); }
    cy_task_print(sup, stdout); printf("\n");
    cy_loop_close(&loop);
    cy_task_free(ws[0]); cy_task_free(ws[1]); cy_task_free(sup);
    return 0;
}
