/* W9 cores, hand-written C: W2's hand loop (malloc'ed frames on an
 * intrusive FIFO, resumed through a function pointer) on T threads, one
 * queue each, timed as w9_cores.cy is: the machine's own scaling from 1
 * to T threads, for comparison with coroc's. */
#include "bench.h"

#include <pthread.h>

struct frame {
    struct frame *next;
    int (*resume)(struct frame *);
    int state, id, m, k;
    unsigned long long *sink;
};

static int worker_resume(struct frame *f)
{
    switch (f->state) {
    case 0:
        for (f->k = 0; f->k < f->m; f->k++) {
            *f->sink += (unsigned long long)(f->id + f->k);
            f->state = 1;
            return 1;
    case 1:;
        }
    }
    return 0;
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
    struct frame *head = NULL, *tail = NULL;
    l->rc = 0;
    for (int id = 0; id < l->ntasks; id++) {
        struct frame *f = malloc(sizeof *f);
        if (!f) {
            l->rc = 1;
            break;
        }
        *f = (struct frame){ NULL, worker_resume, 0, id, l->m, 0, &l->sink };
        if (tail)
            tail->next = f;
        else
            head = f;
        tail = f;
    }
    pthread_barrier_wait(l->go);
    l->start = bench_now_ns();
    struct frame *f;
    while ((f = head)) {
        head = f->next;
        if (!head)
            tail = NULL;
        if (f->resume(f)) {
            f->next = NULL;
            if (tail)
                tail->next = f;
            else
                head = f;
            tail = f;
        } else {
            free(f);
        }
    }
    l->end = bench_now_ns();
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
