/* W1 switch with the typed stepper: the same generator as w1_switch.cy,
 * driven by CY_NEXT(gen, t, &v), which calls gen__resume directly and
 * reads the value at its offset in gen's frame while the task runs alone
 * (coroc.h).  Figure: ns per resume+yield. */
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
    int v;
    double t0 = bench_now_ns();
    while (CY_NEXT(gen, t, &v) == 1)
        sum += (unsigned long long)v;
    double t1 = bench_now_ns();
    cy_task_free(t);
    bench_checksum(sum);
    bench_metric("switch", (t1 - t0) / n, "ns/switch");
    return 0;
}
