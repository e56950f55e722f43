/* self-recursive inline awaits (region frames) that yield and receive at the
 * bottom and on the way up, across the CY_INLINE_DEPTH boundary; defers
 * count live frames; cancel at several depths */
#include <stdio.h>

static int live, cleaned;

coroutine(int, int) int rec(int n)
{
    live++;
    defer { live--; cleaned++; }
    if (n == 0) {
        int v = yield -1;
        return v;
    }
    int a = await rec(n - 1);
    int b = 0;
    if (n % 16 == 0 || n == 47 || n == 48 || n == 49)
        b = yield n;
    return a + b + 1;
}

static void run(int depth, int send_base)
{
    cy_task *t = rec(depth);
    int r = cy_task_step(t), k = 0;
    while (r > 0) {
        int y = CY_YIELDED(t, int);
        printf("%d(live=%d) ", y, live);
        k++;
        r = CY_SEND(t, int, send_base + k);
    }
    printf("| depth %d: %s result %d live=%d\n", depth, cy_status_name(cy_task_status(t)),
           CY_RESULT(t, int), live);
    cy_task_free(t);
}

static void cancel_at(int depth, int nyields)
{
    cy_task *t = rec(depth);
    cleaned = 0;
    int r = cy_task_step(t);
    for (int i = 1; i < nyields && r > 0; i++)
        r = CY_SEND(t, int, 0);
    printf("cancel depth %d after %d yields: yielded %d live=%d ", depth, nyields,
           r > 0 ? CY_YIELDED(t, int) : -99, live);
    cy_task_cancel(t);
    printf("-> live=%d cleaned=%d %s\n", live, cleaned, cy_status_name(cy_task_status(t)));
    cy_task_free(t);
}

int main(void)
{
    int depths[] = { 0, 1, 47, 48, 49, 50, 100 };
    for (int i = 0; i < 7; i++)
        run(depths[i], 100 * i);
    cancel_at(1, 1);
    cancel_at(48, 1);
    cancel_at(49, 1);
    cancel_at(100, 1);
    cancel_at(100, 3);
    cancel_at(100, 9);
    return 0;
}
