/* embedded inline children that await later-defined (allocated) coroutines
 * that sleep, on a loop with virtual time; interleaving of several tasks;
 * a throw from an inline grandchild caught by the grandparent; cancel of a
 * task suspended two inline levels down */
#include <stdio.h>

static cy_loop loop;
static int defers;

coroutine int napper(const char *who, int d);

coroutine int leaf(const char *who, int d)
{
    defer { defers++; printf("  leaf %s defer t=%g\n", who, cy_loop_time(&loop)); }
    int r = await napper(who, d);
    if (d == 3)
        throw -5, "leaf3";
    return r + 1;
}

coroutine int mid(const char *who, int d)
{
    defer { defers++; printf("  mid %s defer t=%g\n", who, cy_loop_time(&loop)); }
    int x = await leaf(who, d);
    int y = await leaf(who, d + 1);
    return x + y;
}

coroutine int top(const char *who, int d)
{
    int total = 0;
    defer { defers++; printf("  top %s defer total=%d t=%g\n", who, total, cy_loop_time(&loop)); }
    for (int i = 0; i < 2; i++) {
        try {
            total += await mid(who, d + i);
        } catch (int e) {
            printf("%s caught %d at t=%g\n", who, e, cy_loop_time(&loop));
            total += 1000;
        }
    }
    printf("%s done total=%d t=%g\n", who, total, cy_loop_time(&loop));
    return total;
}

coroutine int napper(const char *who, int d)
{
    printf("%s naps %d at t=%g\n", who, d, cy_loop_time(&loop));
    await cy_sleep(&loop, d);
    return d * 10;
}

int main(void)
{
    cy_loop_init(&loop);
    cy_loop_set_virtual_time(&loop, 1);
    cy_task *a = top("A", 1), *b = top("B", 0), *c = top("C", 2);
    cy_loop_launch(&loop, a);
    cy_loop_launch(&loop, b);
    cy_loop_launch(&loop, c);
    /* run until B is done, then cancel C wherever it is */
    cy_loop_run_until_complete(&loop, b);
    printf("B: %s %d; cancel C at t=%g\n", cy_status_name(cy_task_status(b)), CY_RESULT(b, int),
           cy_loop_time(&loop));
    cy_task_cancel(c);
    cy_loop_run(&loop);
    printf("A: %s %d, C: %s err=%d defers=%d t=%g\n", cy_status_name(cy_task_status(a)),
           CY_RESULT(a, int), cy_status_name(cy_task_status(c)), cy_task_error(c), defers,
           cy_loop_time(&loop));
    cy_task_free(a);
    cy_task_free(b);
    cy_task_free(c);
    cy_loop_close(&loop);
    return 0;
}
