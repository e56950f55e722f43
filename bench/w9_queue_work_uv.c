/* W9 to_thread with libuv: uv_queue_work of an empty function N times,
 * one after another (each after_work callback queues the next): libuv's
 * thread pool round trip.  Figure: ns per round trip. */
#include "bench.h"

#include <uv.h>

static long left;
static unsigned long long count;
static uv_work_t req;

static void work(uv_work_t *r)
{
    (void)r;
    count++;
}

static void after(uv_work_t *r, int status)
{
    if (status == 0 && --left > 0)
        uv_queue_work(r->loop, r, work, after);
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 100000);
    uv_loop_t *loop = uv_default_loop();
    left = n;
    double t0 = bench_now_ns();
    if (uv_queue_work(loop, &req, work, after))
        return 1;
    uv_run(loop, UV_RUN_DEFAULT);
    double t1 = bench_now_ns();
    uv_loop_close(loop);
    bench_checksum(count);
    bench_metric("roundtrip", (t1 - t0) / (double)n, "ns/job");
    return 0;
}
