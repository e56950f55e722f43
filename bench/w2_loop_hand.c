/* W2 loop, hand-written C: malloc'ed frames with an intrusive `next` link,
 * a FIFO queue (head/tail), a switch resume function called through the
 * frame's function pointer; the loop frees a frame when it finishes. */
#include "bench.h"

struct frame;
typedef int (*resume_fn)(struct frame *); /* 1 = yielded, 0 = done */

struct frame {
    struct frame *next;
    resume_fn resume;
    int state;
    int id, m, k;
    unsigned long long *sink;
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

static struct frame *worker(int id, int m, unsigned long long *sink)
{
    struct frame *f = malloc(sizeof *f);
    if (!f)
        return NULL;
    f->resume = worker_resume;
    f->state = 0;
    f->id = id;
    f->m = m;
    f->sink = sink;
    return f;
}

static void run(struct queue *q)
{
    struct frame *f;
    while ((f = pop(q))) {
        if (f->resume(f))
            push(q, f);
        else
            free(f);
    }
}

int main(int argc, char **argv)
{
    int ntasks = (int)bench_arg(argc, argv, 1, 1000);
    int m = (int)bench_arg(argc, argv, 2, 20000);
    unsigned long long sink = 0;
    struct queue q = {NULL, NULL};
    for (int id = 0; id < ntasks; id++) {
        struct frame *f = worker(id, m, &sink);
        if (!f)
            return 1;
        push(&q, f);
    }
    double t0 = bench_now_ns();
    run(&q);
    double t1 = bench_now_ns();
    bench_checksum(sink);
    bench_metric("step", (t1 - t0) / ((double)ntasks * (m + 1)), "ns/step");
    return 0;
}
