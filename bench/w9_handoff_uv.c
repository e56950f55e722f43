/* W9 hand-off with libuv: two uv loops on two threads pass a token back
 * and forth N times; each hop is a uv_async_send to the other loop (its
 * eventfd), whose callback sends the next.  Figure: ns per hop. */
#include "bench.h"

#include <pthread.h>
#include <uv.h>

struct side {
    uv_loop_t loop;
    uv_async_t wake;
    pthread_t thread;
    struct side *other;
};

static long hops, limit;
static unsigned long long sum;

static void on_wake(uv_async_t *a)
{
    struct side *s = a->data;
    sum += (unsigned long long)hops;
    if (++hops >= limit) {
        uv_close((uv_handle_t *)&s->wake, NULL);
        if (hops == limit)
            uv_async_send(&s->other->wake); /* it closes too */
        return;
    }
    uv_async_send(&s->other->wake);
}

static void *side_main(void *arg)
{
    struct side *s = arg;
    uv_run(&s->loop, UV_RUN_DEFAULT);
    return NULL;
}

int main(int argc, char **argv)
{
    limit = bench_arg(argc, argv, 1, 200000);
    struct side a, b;
    a.other = &b;
    b.other = &a;
    if (uv_loop_init(&a.loop) || uv_loop_init(&b.loop) ||
        uv_async_init(&a.loop, &a.wake, on_wake) ||
        uv_async_init(&b.loop, &b.wake, on_wake))
        return 1;
    a.wake.data = &a;
    b.wake.data = &b;
    double t0 = bench_now_ns();
    if (pthread_create(&a.thread, NULL, side_main, &a) ||
        pthread_create(&b.thread, NULL, side_main, &b))
        return 1;
    uv_async_send(&a.wake);
    pthread_join(a.thread, NULL);
    pthread_join(b.thread, NULL);
    double t1 = bench_now_ns();
    uv_loop_close(&a.loop);
    uv_loop_close(&b.loop);
    /* the extra hop that closes the second loop is not counted */
    bench_checksum(sum - (unsigned long long)limit);
    bench_metric("handoff", (t1 - t0) / (double)limit, "ns/hop");
    return 0;
}
