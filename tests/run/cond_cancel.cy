/* cancelling a coroutine suspended in a branch of a conditional: that
 * resume point, a frame local and a defer exist in one configuration only
 * (cond_cancel.cfg); the defers run last registered first */
#include <stdio.h>

coroutine(int) int job(int n)
{
    int done = 0;
#ifdef VERBOSE
    int seen = 0;
    defer printf("verbose: %d seen\n", seen);
#endif
    defer printf("done %d\n", done);
    for (int i = 0; i < n; i++) {
#ifdef VERBOSE
        seen++;
        yield 100 + i;
#endif
        yield i;
        done++;
    }
    return done;
}

int main(void)
{
    cy_task *t = job(5);
    int steps = 0;
    while (cy_task_step(t) > 0) {
        printf("y %d\n", CY_YIELDED(t, int));
        if (++steps == 3) {
            cy_task_cancel(t);
            break;
        }
    }
    printf("%s\n", cy_status_name(cy_task_status(t)));
    cy_task_free(t);
    return 0;
}
