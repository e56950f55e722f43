/* W5 await: recursive fib(n) where every call with n >= 2 awaits two child
 * coroutines.  Figure: ns per call (calls = 2 * fib(n + 1) - 1); every call
 * is a task frame that is created, run and freed. */
#include "bench.h"

coroutine int fib(int n)
{
    if (n < 2)
        return n;
    int a = await fib(n - 1);
    int b = await fib(n - 2);
    return a + b;
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 27);
    unsigned long long f0 = 0, f1 = 1;
    for (int i = 0; i < n; i++) {
        unsigned long long f2 = f0 + f1;
        f0 = f1;
        f1 = f2;
    }
    double calls = 2.0 * (double)f1 - 1.0; /* f1 = fib(n + 1) */
    double t0 = bench_now_ns();
    cy_task *t = fib(n);
    if (!t)
        return 1;
    while (cy_task_step(t) > 0)
        ;
    if (cy_task_status(t) != CY_FINISHED)
        return 1;
    int r = CY_RESULT(t, int);
    cy_task_free(t);
    double t1 = bench_now_ns();
    bench_checksum((unsigned long long)r);
    bench_metric("await", (t1 - t0) / calls, "ns/call");
    return 0;
}
