/* W9 hand-off: two loops on two threads pass a token back and forth N
 * times, each hop a cy_loop_post from one loop's thread to the other's
 * (the poster appends to the target's FIFO and writes its eventfd; the
 * target, blocked in epoll_wait, wakes and runs the function).  Figure:
 * ns per hop, the cost of one cross-loop hand-off with its wake-up. */
#include "bench.h"

#include <pthread.h>

struct side {
    cy_loop loop;
    pthread_t thread;
    int rc;
};

struct token {
    struct side *side[2];
    long hops, limit;
    unsigned long long sum;
};

static void stop(cy_loop *loop, void *arg)
{
    (void)arg;
    cy_loop_stop(loop);
}

static void hop(cy_loop *loop, void *arg)
{
    struct token *tk = arg;
    int here = loop == &tk->side[1]->loop;
    cy_loop *there = &tk->side[!here]->loop;
    tk->sum += (unsigned long long)tk->hops;
    if (++tk->hops == tk->limit) {
        cy_loop_stop(loop);
        cy_loop_post(there, stop, NULL);
    } else if (cy_loop_post(there, hop, tk)) {
        tk->hops = -1; /* out of memory: fails the checksum */
        cy_loop_stop(loop);
        cy_loop_post(there, stop, NULL);
    }
}

static void *side_main(void *arg)
{
    struct side *s = arg;
    s->rc = cy_loop_run_forever(&s->loop);
    return NULL;
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 200000);
    struct side a, b;
    struct token tk = { { &a, &b }, 0, n, 0 };
    /* made and shared here, before their threads get them */
    if (cy_loop_init(&a.loop) || cy_loop_init(&b.loop) ||
        cy_loop_share(&a.loop) || cy_loop_share(&b.loop))
        return 1;
    double t0 = bench_now_ns();
    if (pthread_create(&a.thread, NULL, side_main, &a) ||
        pthread_create(&b.thread, NULL, side_main, &b) ||
        cy_loop_post(&a.loop, hop, &tk))
        return 1;
    pthread_join(a.thread, NULL);
    pthread_join(b.thread, NULL);
    double t1 = bench_now_ns();
    cy_loop_close(&a.loop);
    cy_loop_close(&b.loop);
    if (a.rc || b.rc || tk.hops != n)
        return 1;
    bench_checksum(tk.sum);
    bench_metric("handoff", (t1 - t0) / (double)n, "ns/hop");
    return 0;
}
