/* A running task schedules many others in one step (more than the
 * loop's ring holds): the task itself must still find room when it comes
 * back.  Also: runtime types (cy_loop) at file scope before the first
 * coroutine, without including coroc.h. */
#include <stdio.h>
static cy_loop loop;
static int ran;
coroutine void child(int i) { ran += i; yield; ran += i; }
coroutine void spawner(int n)
{
    for (int i = 0; i < n; i++)
        cy_loop_schedule(&loop, child(1));
    yield;
    printf("spawner resumed\n");
}
int main(void)
{
    cy_loop_init(&loop);
    for (int n = 1; n < 70; n++) {
        ran = 0;
        cy_loop_schedule(&loop, spawner(n));
        cy_loop_run(&loop);
        if (ran != 2 * n) printf("n=%d ran=%d\n", n, ran);
    }
    cy_loop_close(&loop);
    return 0;
}
