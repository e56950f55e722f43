/* W7 scale, hand-written C: N malloc'ed frames on an intrusive FIFO queue,
 * each yielding once then finishing; the loop frees finished frames. */
#include "bench.h"

struct frame;
typedef int (*resume_fn)(struct frame *); /* 1 = yielded, 0 = done */

struct frame {
    struct frame *next;
    resume_fn resume;
    unsigned long long *sink;
    int state;
    int i;
};

struct queue {
    struct frame *head, *tail;
};

static void push(struct queue *q, struct frame *f)
{
    f->next = NULL;
    if (q->tail)
        q->tail->next = f;
    else
        q->head = f;
    q->tail = f;
}

static struct frame *pop(struct queue *q)
{
    struct frame *f = q->head;
    if (f) {
        q->head = f->next;
        if (!q->head)
            q->tail = NULL;
    }
    return f;
}

static int once_resume(struct frame *f)
{
    switch (f->state) {
    case 0:
        *f->sink += (unsigned long long)f->i;
        f->state = 1;
        return 1;
    default:
        *f->sink += 1;
        return 0;
    }
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 10000000);
    unsigned long long sink = 0;
    struct queue q = {NULL, NULL};
    struct frame *f;
    double t0 = bench_now_ns();
    for (long i = 0; i < n; i++) {
        f = malloc(sizeof *f);
        if (!f)
            return 1;
        f->resume = once_resume;
        f->sink = &sink;
        f->state = 0;
        f->i = (int)i;
        push(&q, f);
    }
    while ((f = pop(&q))) {
        if (f->resume(f))
            push(&q, f);
        else
            free(f);
    }
    double t1 = bench_now_ns();
    bench_checksum(sink);
    bench_metric("time", (t1 - t0) / 1e6, "ms");
    bench_metric("peak_rss", (double)bench_status_kib("VmHWM") / 1024.0, "MiB");
    return 0;
}
