/* a self-recursive coroutine whose every level runs an embedded generator
 * child inline (send/yield through it) and, on a loop, awaits a later
 * coroutine that sleeps at every 7th level; depths around CY_INLINE_DEPTH;
 * interleaving with another task; cy_task_free of a parked task */
#include <stdio.h>

static cy_loop loop;
static int live, use_loop;

coroutine(int, int) int step(int n)
{
    live++;
    defer live--;
    int v = yield n;
    return use_loop ? n : v;
}

coroutine int later(int n);

coroutine(int, int) int rec(int n)
{
    live++;
    defer live--;
    int s = await step(n);           /* embedded, inline, yields */
    if (n == 0)
        return s;
    int r = 0;
    if (use_loop && n % 7 == 0)
        r = await later(n);          /* allocated; sleeps */
    int sub = await rec(n - 1);
    return s + r + sub;
}

coroutine int later(int n)
{
    live++;
    defer live--;
    printf("L%d@%g ", n, cy_loop_time(&loop));
    await cy_sleep(&loop, 1);
    return 1000;
}

coroutine void ticker(int n)
{
    for (int i = 0; i < n; i++) {
        printf("t%d@%g ", i, cy_loop_time(&loop));
        await cy_sleep(&loop, 0.5);
    }
}

int main(void)
{
    int depths[] = { 0, 47, 48, 49, 60 };
    for (int i = 0; i < 5; i++) {
        cy_task *t = rec(depths[i]);
        int r = cy_task_step(t), n = 0;
        long expect = 0;
        while (r > 0) {
            int y = CY_YIELDED(t, int);
            r = CY_SEND(t, int, y * 3);
            expect += y * 3;
            n++;
        }
        printf("depth %d: %s %d (%d yields, expect %ld) live=%d\n", depths[i],
               cy_status_name(cy_task_status(t)), CY_RESULT(t, int), n, expect, live);
        cy_task_free(t);
    }
    /* free a hand-driven task in the middle */
    cy_task *t = rec(100);
    for (int i = 0; i < 60; i++)
        CY_SEND(t, int, 1);
    printf("mid-way: yielded %d live=%d ", CY_YIELDED(t, int), live);
    cy_task_free(t);
    printf("freed: live=%d\n", live);

    use_loop = 1;
    cy_loop_init(&loop);
    cy_loop_set_virtual_time(&loop, 1);
    cy_task *f = rec(15);
    cy_loop_launch(&loop, f);
    cy_loop_schedule(&loop, ticker(5));
    cy_loop_run(&loop);
    printf("\nrec(15): %s %d live=%d t=%g\n", cy_status_name(cy_task_status(f)), CY_RESULT(f, int), live, cy_loop_time(&loop));
    cy_task_free(f);
    /* cancel a loop task parked in a sleep under inline children */
    f = rec(60);
    cy_task *tk = ticker(3);
    cy_loop_launch(&loop, f);
    cy_loop_launch(&loop, tk);
    cy_loop_run_until_complete(&loop, tk);
    printf("\nticker done t=%g live=%d; ", cy_loop_time(&loop), live);
    printf("cancel rec(60): %d ", cy_task_cancel(f));
    printf("live=%d %s\n", live, cy_status_name(cy_task_status(f)));
    cy_loop_run(&loop);
    cy_task_free(f);
    cy_task_free(tk);
    cy_loop_close(&loop);
    printf("closed: live=%d\n", live);
    return 0;
}
