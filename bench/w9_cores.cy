/* W9 cores: W2 (tasks yielding M times on a FIFO loop) on T threads, one
 * loop on each.  Each thread makes its own tasks on its own loop, waits at
 * a barrier, runs; the figure is the aggregate rate, every thread's steps
 * over the wall time from the barrier to the last thread's end.  Each
 * thread's sink is on a cache line of its own. */
#include "bench.h"

#include <pthread.h>

coroutine void worker(int id, int m, unsigned long long *sink)
{
    for (int k = 0; k < m; k++) {
        *sink += (unsigned long long)(id + k);
        yield;
    }
}

struct lane {
    _Alignas(64) unsigned long long sink;
    int ntasks, m, rc;
    pthread_barrier_t *go;
    double start, end;
};

static void *lane_main(void *arg)
{
    struct lane *l = arg;
    cy_loop loop;
    l->rc = 1;
    if (cy_loop_init(&loop) != 0) {
        pthread_barrier_wait(l->go);
        return NULL;
    }
    int ok = 1;
    for (int id = 0; id < l->ntasks && ok; id++) {
        cy_task *t = worker(id, l->m, &l->sink);
        ok = t && cy_loop_schedule(&loop, t) == 0;
    }
    pthread_barrier_wait(l->go);
    l->start = bench_now_ns();
    if (ok && cy_loop_run(&loop) == 0)
        l->rc = 0;
    l->end = bench_now_ns();
    cy_loop_close(&loop);
    return NULL;
}

int main(int argc, char **argv)
{
    int nthreads = (int)bench_arg(argc, argv, 1, 1);
    int ntasks = (int)bench_arg(argc, argv, 2, 1000);
    int m = (int)bench_arg(argc, argv, 3, 20000);
    struct lane *lanes = aligned_alloc(64, sizeof *lanes * (size_t)nthreads);
    pthread_t *th = malloc(sizeof *th * (size_t)nthreads);
    pthread_barrier_t go;
    if (!lanes || !th || pthread_barrier_init(&go, NULL, (unsigned)nthreads + 1))
        return 1;
    for (int i = 0; i < nthreads; i++) {
        lanes[i] = (struct lane){ .ntasks = ntasks, .m = m, .go = &go };
        if (pthread_create(&th[i], NULL, lane_main, &lanes[i]))
            return 1;
    }
    pthread_barrier_wait(&go);
    double t0 = 0, t1 = 0;
    unsigned long long sum = 0;
    int rc = 0;
    for (int i = 0; i < nthreads; i++) {
        pthread_join(th[i], NULL);
        sum += lanes[i].sink;
        rc |= lanes[i].rc;
        if (i == 0 || lanes[i].start < t0)
            t0 = lanes[i].start;
        if (lanes[i].end > t1)
            t1 = lanes[i].end;
    }
    pthread_barrier_destroy(&go);
    free(th);
    free(lanes);
    if (rc)
        return 1;
    bench_checksum(sum);
    bench_metric("steps", (double)nthreads * ntasks * (m + 1) / ((t1 - t0) / 1e9) / 1e6,
                 "Msteps/s");
    return 0;
}
