/* W1 switch: one coroutine yields N ints; the driver resumes it through its
 * task handle (cy_task_step, an out-of-line runtime call that reaches the
 * resume function through the descriptor's function pointer) and reads each
 * yielded value with the public CY_YIELDED.  Figure: ns per resume+yield. */
#include "bench.h"

coroutine(int) void gen(int n)
{
    for (int i = 0; i < n; i++)
        yield i;
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 20000000);
    unsigned long long sum = 0;
    cy_task *t = gen(n);
    if (!t)
        return 1;
    double t0 = bench_now_ns();
    while (cy_task_step(t) > 0)
        sum += (unsigned long long)CY_YIELDED(t, int);
    double t1 = bench_now_ns();
    cy_task_free(t);
    bench_checksum(sum);
    bench_metric("switch", (t1 - t0) / n, "ns/switch");
    return 0;
}
