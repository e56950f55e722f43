/* W2 loop: T tasks on the runtime's loop (cy_loop, a FIFO ring of ready
 * tasks), each yielding M times.  Figure: ns per task step; a task takes
 * M + 1 steps (the last one finishes it). */
#include "bench.h"

coroutine void worker(int id, int m, unsigned long long *sink)
{
    for (int k = 0; k < m; k++) {
        *sink += (unsigned long long)(id + k);
        yield;
    }
}

int main(int argc, char **argv)
{
    int ntasks = (int)bench_arg(argc, argv, 1, 1000);
    int m = (int)bench_arg(argc, argv, 2, 20000);
    unsigned long long sink = 0;
    cy_loop loop;
    if (cy_loop_init(&loop) != 0)
        return 1;
    for (int id = 0; id < ntasks; id++) {
        cy_task *t = worker(id, m, &sink);
        if (!t || cy_loop_schedule(&loop, t) != 0)
            return 1;
    }
    double t0 = bench_now_ns();
    if (cy_loop_run(&loop) != 0)
        return 1;
    double t1 = bench_now_ns();
    cy_loop_close(&loop);
    bench_checksum(sink);
    bench_metric("step", (t1 - t0) / ((double)ntasks * (m + 1)), "ns/step");
    return 0;
}
