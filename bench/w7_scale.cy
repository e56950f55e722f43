/* W7 scale: N tasks alive at once on one loop, each yielding once then
 * finishing.  Figures: total time (create + schedule + run + free) and the
 * process's peak RSS. */
#include "bench.h"

coroutine void once(int i, unsigned long long *sink)
{
    *sink += (unsigned long long)i;
    yield;
    *sink += 1;
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 10000000);
    unsigned long long sink = 0;
    cy_loop loop;
    double t0 = bench_now_ns();
    if (cy_loop_init(&loop) != 0)
        return 1;
    for (long i = 0; i < n; i++) {
        cy_task *t = once((int)i, &sink);
        if (!t || cy_loop_schedule(&loop, t) != 0)
            return 1;
    }
    if (cy_loop_run(&loop) != 0)
        return 1;
    cy_loop_close(&loop);
    double t1 = bench_now_ns();
    bench_checksum(sink);
    bench_metric("time", (t1 - t0) / 1e6, "ms");
    bench_metric("peak_rss", (double)bench_status_kib("VmHWM") / 1024.0, "MiB");
    return 0;
}
