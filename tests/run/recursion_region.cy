/* self-recursive awaits: frames from a LIFO region, 100 000 deep; a task
 * freed while suspended deep inside runs every frame's cleanup and gives
 * the region back (valgrind and LeakSanitizer check that) */
#include <stdio.h>

static int cleanups;

coroutine long depth(int n)
{
    defer cleanups++;
    if (n == 0) {
        yield;
        return 0;
    }
    long below = await depth(n - 1);
    return below + 1;
}

coroutine(int) void walk(int lo, int hi)     /* yields lo..hi in order */
{
    if (lo > hi)
        return;
    int mid = (lo + hi) / 2;
    await walk(lo, mid - 1);
    yield mid;
    await walk(mid + 1, hi);
}

int main(void)
{
    cy_task *t = depth(100000);
    int steps = 0;
    while (cy_task_step(t) > 0)
        steps++;
    printf("depth %ld after %d suspension, %d cleanups\n", CY_RESULT(t, long), steps, cleanups);
    cy_task_free(t);

    cleanups = 0;
    cy_task *u = depth(5000);
    cy_task_step(u);             /* suspended 5000 frames deep */
    cy_task_free(u);             /* cancelled: every frame cleans up */
    printf("freed while suspended: %d cleanups\n", cleanups);

    cy_task *w = walk(1, 10);
    while (cy_task_step(w) > 0)
        printf("%d ", CY_YIELDED(w, int));
    printf("\n");
    cy_task_free(w);
    return 0;
}
