/* W3 spawn: create a task, step it three times (it yields twice, then
 * returns a value), read the result and free it; N times.
 * Figure: ns per task, everything included (allocation too). */
#include "bench.h"

coroutine int spawnee(int i)
{
    int a = i;
    yield;
    a += i;
    yield;
    return a + 1;
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 1000000);
    unsigned long long sum = 0;
    double t0 = bench_now_ns();
    for (int i = 0; i < n; i++) {
        cy_task *t = spawnee(i);
        if (!t)
            return 1;
        while (cy_task_step(t) > 0)
            ;
        sum += (unsigned long long)CY_RESULT(t, int);
        cy_task_free(t);
    }
    double t1 = bench_now_ns();
    bench_checksum(sum);
    bench_metric("spawn", (t1 - t0) / n, "ns/task");
    return 0;
}
