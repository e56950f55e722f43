/*
 * queue.c - asyncio.Queue, LifoQueue and PriorityQueue for the tasks of
 * a loop.
 *
 * Items are copied in and out (item_size bytes each).  Waiting is done by
 * two semaphores (sync.c), which already queue waiters FIFO, hand a unit
 * straight to the first waiter and pass it on when a waiter is
 * cancelled: `items` counts the items a get may take, `slots` (bounded
 * queues only) the free places a put may fill.  A put takes a slot, adds
 * its item and releases an item unit; a get takes an item unit, removes
 * an item and releases a slot.  The storage is a ring (FIFO, LIFO) or a
 * binary heap (priority), growing for an unbounded queue.
 */
#include "coroc.h"
#include "internal.h"
#include "stream.h"

#include <errno.h>
#include <stdlib.h>

struct cy_queue {
    size_t size;      /* of one item */
    size_t maxsize;   /* 0: unbounded */
    int kind;
    int (*cmp)(const void *a, const void *b);
    unsigned char *buf;
    size_t head, count, cap;
    size_t unfinished;
    cy_sem items, slots;
    cy_event all_done; /* set while unfinished == 0 */
};

cy_queue *cy_queue_new(size_t item_size, size_t maxsize, int kind,
                       int (*cmp)(const void *a, const void *b))
{
    if (item_size == 0 || kind < CY_QUEUE_FIFO || kind > CY_QUEUE_PRIORITY ||
        (kind == CY_QUEUE_PRIORITY && !cmp))
        return NULL;
    cy_queue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->size = item_size;
    q->maxsize = maxsize;
    q->kind = kind;
    q->cmp = cmp;
    q->cap = maxsize ? maxsize : 16;
    if (q->cap > SIZE_MAX / item_size || !(q->buf = malloc(q->cap * item_size))) {
        free(q);
        return NULL;
    }
    cy_sem_init(&q->items, 0);
    cy_sem_init(&q->slots, maxsize);
    cy_event_init(&q->all_done);
    cy_event_set(&q->all_done);
    return q;
}

void cy_queue_free(cy_queue *q)
{
    if (!q)
        return;
    cy_sem_destroy(&q->items);
    cy_sem_destroy(&q->slots);
    cy_event_destroy(&q->all_done);
    free(q->buf);
    free(q);
}

size_t cy_queue_qsize(const cy_queue *q) { return q ? q->count : 0; }
size_t cy_queue_maxsize(const cy_queue *q) { return q ? q->maxsize : 0; }
int cy_queue_empty(const cy_queue *q) { return !q || q->count == 0; }
int cy_queue_full(const cy_queue *q)
{
    return q && q->maxsize && q->count >= q->maxsize;
}

#define AT(q, i) ((q)->buf + (i) * (q)->size)

static void swap(cy_queue *q, size_t i, size_t j)
{
    unsigned char tmp[64];
    unsigned char *a = AT(q, i), *b = AT(q, j);
    for (size_t off = 0; off < q->size; off += sizeof tmp) {
        size_t n = q->size - off < sizeof tmp ? q->size - off : sizeof tmp;
        memcpy(tmp, a + off, n);
        memcpy(a + off, b + off, n);
        memcpy(b + off, tmp, n);
    }
}

/* Store an item: the caller holds a slot (bounded) or made room. */
static void store(cy_queue *q, const void *item)
{
    if (q->kind == CY_QUEUE_PRIORITY) {
        size_t i = q->count++;
        memcpy(AT(q, i), item, q->size);
        while (i > 0) {
            size_t parent = (i - 1) / 2;
            if (q->cmp(AT(q, i), AT(q, parent)) >= 0)
                break;
            swap(q, i, parent);
            i = parent;
        }
    } else {
        memcpy(AT(q, (q->head + q->count) % q->cap), item, q->size);
        q->count++;
    }
    q->unfinished++;
    cy_event_clear(&q->all_done);
}

/* Take the next item out: the caller holds an item unit. */
static void take(cy_queue *q, void *out)
{
    if (q->kind == CY_QUEUE_PRIORITY) {
        if (out)
            memcpy(out, AT(q, 0), q->size);
        q->count--;
        if (q->count) {
            memcpy(AT(q, 0), AT(q, q->count), q->size);
            size_t i = 0;
            for (;;) {
                size_t l = 2 * i + 1, r = l + 1, m = i;
                if (l < q->count && q->cmp(AT(q, l), AT(q, m)) < 0)
                    m = l;
                if (r < q->count && q->cmp(AT(q, r), AT(q, m)) < 0)
                    m = r;
                if (m == i)
                    break;
                swap(q, i, m);
                i = m;
            }
        }
    } else if (q->kind == CY_QUEUE_LIFO) {
        q->count--;
        if (out)
            memcpy(out, AT(q, (q->head + q->count) % q->cap), q->size);
    } else {
        if (out)
            memcpy(out, AT(q, q->head), q->size);
        q->head = (q->head + 1) % q->cap;
        q->count--;
    }
}

/* An unbounded queue grows; the ring is unrolled into the new array. */
static int room(cy_queue *q)
{
    if (q->count < q->cap)
        return 0;
    if (q->maxsize)
        return -EAGAIN;
    size_t cap = q->cap * 2;
    if (cap < q->cap || cap > SIZE_MAX / q->size)
        return -ENOMEM;
    unsigned char *b = malloc(cap * q->size);
    if (!b)
        return -ENOMEM;
    for (size_t i = 0; i < q->count; i++)
        memcpy(b + i * q->size, AT(q, (q->head + i) % q->cap), q->size);
    free(q->buf);
    q->buf = b;
    q->cap = cap;
    q->head = 0;
    return 0;
}

static int put_now(cy_queue *q, const void *item)
{
    int rc = room(q);
    if (rc)
        return rc;
    store(q, item);
    cy_sem_release(&q->items); /* to the first getter, if one waits */
    return 0;
}

int cy_queue_put_nowait(cy_queue *q, const void *item)
{
    if (!q || !item)
        return -EINVAL;
    if (q->maxsize && cy_sem_try_acquire(&q->slots))
        return -EAGAIN; /* QueueFull */
    int rc = put_now(q, item);
    if (rc && q->maxsize)
        cy_sem_release(&q->slots);
    return rc;
}

int cy_queue_get_nowait(cy_queue *q, void *out)
{
    if (!q)
        return -EINVAL;
    if (cy_sem_try_acquire(&q->items))
        return -EAGAIN; /* QueueEmpty */
    take(q, out);
    if (q->maxsize)
        cy_sem_release(&q->slots);
    return 0;
}

int cy_queue_task_done(cy_queue *q)
{
    if (!q || q->unfinished == 0)
        return -EINVAL; /* ValueError: called too many times */
    if (--q->unfinished == 0)
        cy_event_set(&q->all_done);
    return 0;
}

cy_task *cy_queue_join(cy_loop *loop, cy_queue *q)
{
    if (!loop || !q)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    return cy_event_task_(loop, &q->all_done);
}

/* ---- put and get that wait ------------------------------------------------------ */

struct qop_frame {
    cy_task task;
    cy_loop *loop;
    cy_queue *q;
    void *out;          /* get */
    cy_task *child;
    int put;
    _Alignas(max_align_t) unsigned char item[]; /* put: the item, copied */
};

static cy_task *qop_resume(cy_task *self);
static const cy_desc put_desc = {
    .name = "put", .resume = qop_resume, .size = sizeof(struct qop_frame),
};
static const cy_desc get_desc = {
    .name = "get", .resume = qop_resume, .size = sizeof(struct qop_frame),
};

cy_task *cy_queue_put(cy_loop *loop, cy_queue *q, const void *item)
{
    if (!loop || !q || !item)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    struct qop_frame *f = cy_alloc(sizeof *f + q->size);
    if (!f)
        return NULL;
    cy_task_init(&f->task, &put_desc, CY_F_HEAP);
    f->loop = loop;
    f->q = q;
    f->put = 1;
    memcpy(f->item, item, q->size);
    return &f->task;
}

cy_task *cy_queue_get(cy_loop *loop, cy_queue *q, void *out)
{
    if (!loop || !q)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    struct qop_frame *f = cy_alloc(sizeof *f);
    if (!f)
        return NULL;
    cy_task_init(&f->task, &get_desc, CY_F_HEAP);
    f->loop = loop;
    f->q = q;
    f->out = out;
    return &f->task;
}

/* The unit is ours: do the put or the get. */
static cy_task *qop_finish(struct qop_frame *f)
{
    cy_queue *q = f->q;
    if (f->put) {
        int rc = put_now(q, f->item);
        if (rc) {
            if (q->maxsize)
                cy_sem_release(&q->slots);
            return cy_frame_fail_(&f->task, rc);
        }
    } else {
        take(q, f->out);
        if (q->maxsize)
            cy_sem_release(&q->slots);
    }
    return &f->task;
}

static cy_task *qop_resume(cy_task *self)
{
    struct qop_frame *f = (struct qop_frame *)self;
    switch (self->state) {
    case 0: {
        if (f->put && !f->q->maxsize)
            return qop_finish(f); /* unbounded: never waits */
        cy_task *c = cy_sem_acquire(f->loop, f->put ? &f->q->slots
                                                     : &f->q->items);
        if (!c)
            return cy_frame_fail_(self, -ENOMEM);
        if (cy_task_done(c)) {
            if (c->status != CY_FINISHED)
                return cy_frame_fail_(self, cy_child_error_(c));
            return qop_finish(f);
        }
        f->child = c;
        self->state = 1;
        return c;
    }
    case 1: {
        cy_task *c = f->child;
        f->child = NULL;
        int err = cy_child_error_(c);
        cy_task_free(c);
        return err ? cy_frame_fail_(self, err) : qop_finish(f);
    }
    default: /* cancelled: the semaphore passed a unit on, if any */
        return self;
    }
}
