/* W9 to_thread: a task awaits cy_to_thread of an empty function N times,
 * one after another: each round trip queues a job for the loop's thread
 * pool, a worker runs it and hands it back through the loop's eventfd,
 * and the loop resumes the task.  Figure: ns per round trip. */
#include "bench.h"

static int empty(void *arg)
{
    (*(unsigned long long *)arg)++;
    return 0;
}

coroutine void offload(cy_loop *loop, long n, unsigned long long *count)
{
    for (long i = 0; i < n; i++)
        await cy_to_thread(loop, empty, count);
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 100000);
    unsigned long long count = 0;
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    cy_task *t = offload(&loop, n, &count);
    double t0 = bench_now_ns();
    if (!t || cy_loop_run_until_complete(&loop, t) || cy_task_status(t) != CY_FINISHED)
        return 1;
    double t1 = bench_now_ns();
    cy_task_free(t);
    cy_loop_close(&loop);
    bench_checksum(count);
    bench_metric("roundtrip", (t1 - t0) / (double)n, "ns/job");
    return 0;
}
