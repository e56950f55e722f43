/*
 * sync.c - asyncio's synchronisation primitives for the tasks of a loop:
 * cy_lock, cy_sem, cy_event, cy_future.
 *
 * Each primitive keeps a FIFO queue of the frames that wait on it (an
 * intrusive doubly linked list: the frames are the nodes, nothing is
 * allocated per waiter besides the frame itself).  A waiting frame is a
 * runtime coroutine in the shape of wait.c's: the awaiting task adopts it
 * and runs it inline; at its first resume it either succeeds at once or
 * joins the queue and parks its root (CY_F_PARKED_).  Releasing a lock or
 * a unit hands it to the first frame of the queue ("granted"), setting an
 * event or a future grants every waiter; a granted frame leaves the queue
 * and its root is woken into the loop's ring (cy_wake_).  A root no loop
 * runs is not parked: its frame checks `granted` at each step.
 *
 * A parked frame is also registered in the loop's waiter table, keyed by
 * the frame itself: nothing ever notifies it there, but cy_loop_close
 * finds it and cancels its task, which takes it out of the queue.
 *
 * Cancelling a waiting task resumes its frame in CY_STATE_CANCEL: it
 * leaves the queue and the table; a lock or unit granted to it but not
 * yet seen by its task is released again (to the next waiter).
 */
#include "coroc.h"
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- done tasks: what a call that succeeds at once returns ---------------- */

/* Never written: every runtime call treats a done task as read-only. */
static const cy_desc ready_desc = { .name = "ready" };
static const cy_task ready_ok = {
    .desc = &ready_desc, .link = (cy_task *)&ready_ok, .status = CY_FINISHED,
};
#define READY_OK ((cy_task *)&ready_ok)
#define READY_EINVAL CY_EINVAL_TASK_

/* ---- the waiting frame ----------------------------------------------------- */

enum { K_LOCK, K_SEM, K_EVENT, K_FUTURE };

struct sync_frame {
    cy_task task;
    const char *errmsg;  /* a failed future's message */
    cy_loop *loop;
    void *prim;          /* the cy_lock, cy_sem, cy_event or cy_future */
    cy_task *root;       /* the waiting task, once queued */
    struct cy_syncw_ node;
    cy_waiter_ reg;      /* in the loop's waiter table while parked */
    uint8_t kind;
    uint8_t parked;      /* the root runs on the loop: park and wake it */
    uint8_t granted;     /* the lock / unit / event / outcome is ours */
    uint8_t fstatus;     /* a future's outcome, copied when granted */
    int32_t ferr;
};

static cy_task *sync_resume(cy_task *self);
static const cy_desc lock_desc = {
    .name = "lock_acquire", .resume = sync_resume,
    .size = sizeof(struct sync_frame),
};
static const cy_desc sem_desc = {
    .name = "sem_acquire", .resume = sync_resume,
    .size = sizeof(struct sync_frame),
};
static const cy_desc event_desc = {
    .name = "event_wait", .resume = sync_resume,
    .size = sizeof(struct sync_frame),
};
static const cy_desc future_wait_desc = {
    .name = "future_wait", .resume = sync_resume,
    .size = sizeof(struct sync_frame),
    .errmsg_offset = offsetof(struct sync_frame, errmsg),
};

static inline struct sync_frame *frame_of(struct cy_syncw_ *w)
{
    return (struct sync_frame *)((char *)w -
                                 offsetof(struct sync_frame, node));
}

static void q_push(struct cy_waitq_ *q, struct cy_syncw_ *w)
{
    w->q = q;
    w->next = NULL;
    w->prev = q->tail;
    if (q->tail)
        q->tail->next = w;
    else
        q->head = w;
    q->tail = w;
}

static void q_unlink(struct cy_syncw_ *w)
{
    struct cy_waitq_ *q = w->q;
    if (!q)
        return;
    if (w->prev)
        w->prev->next = w->next;
    else
        q->head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        q->tail = w->prev;
    w->q = NULL;
    w->prev = w->next = NULL;
}

/* The first waiter gets what it waits for: out of the queue, woken. */
static void grant(struct cy_syncw_ *w)
{
    struct sync_frame *s = frame_of(w);
    q_unlink(w);
    s->granted = 1;
    if (s->parked) {
        cy_waiter_remove_(s->loop, &s->reg);
        cy_wake_(s->loop, s->root);
    }
}

/* Nothing notifies a frame in the table (its key, the frame, is never
 * retired by a loop while it waits); woken anyway, it would look again. */
static void reg_notify(cy_loop *loop, cy_waiter_ *w)
{
    cy_wake_(loop, w->root);
}

static cy_task *sync_new(const cy_desc *desc, int kind, cy_loop *loop,
                         void *prim)
{
    struct sync_frame *s = cy_alloc(sizeof *s);
    if (!s)
        return NULL;
    cy_task_init(&s->task, desc, CY_F_HEAP);
    s->loop = loop;
    s->prim = prim;
    s->kind = (uint8_t)kind;
    return &s->task;
}

/* Cancel the tasks still waiting in q (each leaves q on its way out). */
static void q_cancel_all(struct cy_waitq_ *q)
{
    while (q->head) {
        struct cy_syncw_ *w = q->head;
        cy_task *root = frame_of(w)->root;
        if (root && root->status < CY_FINISHED)
            cy_task_cancel(root);
        if (q->head == w)
            q_unlink(w); /* not a frame that runs (never stepped) */
    }
    q->tail = NULL;
}

/* ---- cy_lock --------------------------------------------------------------- */

int cy_lock_init(cy_lock *l)
{
    if (!l)
        return -EINVAL;
    l->waiters.head = l->waiters.tail = NULL;
    l->locked = 0;
    return 0;
}

void cy_lock_destroy(cy_lock *l)
{
    if (!l)
        return;
    q_cancel_all(&l->waiters);
    l->locked = 0;
}

cy_task *cy_lock_acquire(cy_loop *loop, cy_lock *l)
{
    if (!loop || !l)
        return READY_EINVAL;
    if (!l->locked && !l->waiters.head) {
        l->locked = 1;
        return READY_OK;
    }
    return sync_new(&lock_desc, K_LOCK, loop, l);
}

int cy_lock_try_acquire(cy_lock *l)
{
    if (!l)
        return -EINVAL;
    if (l->locked || l->waiters.head)
        return -EBUSY;
    l->locked = 1;
    return 0;
}

int cy_lock_release(cy_lock *l)
{
    if (!l)
        return -EINVAL;
    if (!l->locked)
        return -EPERM;
    if (l->waiters.head)
        grant(l->waiters.head); /* it stays locked: the waiter holds it */
    else
        l->locked = 0;
    return 0;
}

int cy_lock_locked(const cy_lock *l)
{
    return l && l->locked;
}

/* ---- cy_sem ---------------------------------------------------------------- */

int cy_sem_init(cy_sem *s, size_t value)
{
    if (!s)
        return -EINVAL;
    s->waiters.head = s->waiters.tail = NULL;
    s->value = value;
    s->bound = 0;
    return 0;
}

int cy_sem_init_bounded(cy_sem *s, size_t value)
{
    int rc = cy_sem_init(s, value);
    if (rc == 0)
        s->bound = value;
    return rc;
}

void cy_sem_destroy(cy_sem *s)
{
    if (!s)
        return;
    q_cancel_all(&s->waiters);
}

cy_task *cy_sem_acquire(cy_loop *loop, cy_sem *s)
{
    if (!loop || !s)
        return READY_EINVAL;
    if (s->value > 0 && !s->waiters.head) {
        s->value--;
        return READY_OK;
    }
    return sync_new(&sem_desc, K_SEM, loop, s);
}

int cy_sem_try_acquire(cy_sem *s)
{
    if (!s)
        return -EINVAL;
    if (s->value == 0 || s->waiters.head)
        return -EAGAIN;
    s->value--;
    return 0;
}

int cy_sem_release(cy_sem *s)
{
    if (!s)
        return -EINVAL;
    if (s->waiters.head) {
        grant(s->waiters.head); /* the unit goes straight to it */
        return 0;
    }
    if (s->value == SIZE_MAX || (s->bound && s->value >= s->bound))
        return -EOVERFLOW;
    s->value++;
    return 0;
}

size_t cy_sem_value(const cy_sem *s)
{
    return s ? s->value : 0;
}

int cy_sem_locked(const cy_sem *s)
{
    return s && (s->value == 0 || s->waiters.head);
}

/* ---- cy_event -------------------------------------------------------------- */

int cy_event_init(cy_event *e)
{
    if (!e)
        return -EINVAL;
    e->waiters.head = e->waiters.tail = NULL;
    e->set = 0;
    return 0;
}

void cy_event_destroy(cy_event *e)
{
    if (!e)
        return;
    q_cancel_all(&e->waiters);
    e->set = 0;
}

cy_task *cy_event_wait(cy_loop *loop, cy_event *e)
{
    if (!loop || !e)
        return READY_EINVAL;
    if (e->set)
        return READY_OK;
    return sync_new(&event_desc, K_EVENT, loop, e);
}

int cy_event_set(cy_event *e)
{
    if (!e)
        return -EINVAL;
    e->set = 1;
    while (e->waiters.head)
        grant(e->waiters.head);
    return 0;
}

void cy_event_clear(cy_event *e)
{
    if (e)
        e->set = 0;
}

int cy_event_is_set(const cy_event *e)
{
    return e && e->set;
}

/* ---- cy_future ------------------------------------------------------------- */

static const cy_desc future_desc = {
    .name = "future",
    .errmsg_offset = offsetof(cy_future, errmsg),
};

int cy_future_init(cy_future *f, void *slot, size_t size)
{
    if (!f || (!slot && size > CY_FUTURE_INLINE))
        return -EINVAL;
    memset(f, 0, sizeof *f);
    cy_task_init(&f->task, &future_desc, 0);
    f->task.status = CY_RUNNING; /* state 0: nothing to resume */
    f->slot = slot ? slot : f->value.bytes;
    f->size = size;
    return 0;
}

void cy_future_destroy(cy_future *f)
{
    if (!f)
        return;
    q_cancel_all(&f->waiters);
}

/* The future is done: every waiter gets its outcome. */
static void future_done(cy_future *f, int status, int32_t err,
                        const char *msg)
{
    f->task.status = (uint8_t)status;
    f->task.err = err;
    f->errmsg = msg;
    while (f->waiters.head) {
        struct sync_frame *s = frame_of(f->waiters.head);
        s->fstatus = (uint8_t)status;
        s->ferr = err;
        s->errmsg = msg;
        grant(&s->node);
    }
}

int cy_future_set_result(cy_future *f, const void *value, size_t size)
{
    if (!f || f->task.status >= CY_FINISHED || size != f->size ||
        (size && !value))
        return -EINVAL;
    if (size)
        memcpy(f->slot, value, size);
    future_done(f, CY_FINISHED, 0, NULL);
    return 0;
}

int cy_future_set_error_msg(cy_future *f, int err, const char *msg)
{
    if (!f || f->task.status >= CY_FINISHED)
        return -EINVAL;
    future_done(f, CY_ERROR, cy_errcode(err), msg);
    return 0;
}

int cy_future_set_error(cy_future *f, int err)
{
    return cy_future_set_error_msg(f, err, NULL);
}

int cy_future_cancel(cy_future *f)
{
    if (!f || f->task.status >= CY_FINISHED)
        return -EINVAL;
    future_done(f, CY_CANCELLED, -ECANCELED, NULL);
    return 0;
}

cy_task *cy_future_wait(cy_loop *loop, cy_future *f)
{
    if (!loop || !f)
        return READY_EINVAL;
    if (f->task.status >= CY_FINISHED) {
        f->task.link = &f->task; /* the struct may have been copied */
        return &f->task;
    }
    return sync_new(&future_wait_desc, K_FUTURE, loop, f);
}

int cy_future_done(const cy_future *f)
{
    return f && f->task.status >= CY_FINISHED;
}

int cy_future_status(const cy_future *f)
{
    return f ? f->task.status : CY_RUNNING;
}

const void *cy_future_result(const cy_future *f)
{
    if (!f || f->task.status != CY_FINISHED || f->size == 0)
        return NULL;
    return f->slot;
}

int cy_future_error(const cy_future *f)
{
    return f ? cy_task_error(&f->task) : -EINVAL;
}

const char *cy_future_message(const cy_future *f)
{
    return f && f->task.status >= CY_ERROR ? f->errmsg : NULL;
}

/* ---- the frame's resume function ------------------------------------------- */

/* Succeed at once if the primitive allows it (first resume). */
static int try_now(struct sync_frame *s)
{
    switch (s->kind) {
    case K_LOCK: {
        cy_lock *l = s->prim;
        if (l->locked || l->waiters.head)
            return 0;
        l->locked = 1;
        return 1;
    }
    case K_SEM:
        return cy_sem_try_acquire(s->prim) == 0;
    case K_EVENT:
        return ((cy_event *)s->prim)->set;
    default: {
        cy_future *f = s->prim;
        if (f->task.status < CY_FINISHED)
            return 0;
        s->fstatus = f->task.status;
        s->ferr = cy_task_error(&f->task);
        s->errmsg = f->errmsg;
        return 1;
    }
    }
}

static struct cy_waitq_ *queue_of(struct sync_frame *s)
{
    switch (s->kind) {
    case K_LOCK: return &((cy_lock *)s->prim)->waiters;
    case K_SEM: return &((cy_sem *)s->prim)->waiters;
    case K_EVENT: return &((cy_event *)s->prim)->waiters;
    default: return &((cy_future *)s->prim)->waiters;
    }
}

/* The wait is over: a future's outcome becomes the frame's. */
static cy_task *finish(struct sync_frame *s)
{
    if (s->kind == K_FUTURE && s->fstatus >= CY_ERROR) {
        s->task.status = s->fstatus;
        s->task.err = s->ferr;
    } else {
        s->errmsg = NULL;
    }
    return &s->task;
}

static cy_task *sync_resume(cy_task *self)
{
    struct sync_frame *s = (struct sync_frame *)self;
    switch (self->state) {
    case 0:
        break;
    case 1:
        if (s->granted)
            return finish(s);
        if (s->parked)
            s->root->flags |= CY_F_PARKED_; /* stepped before its time */
        return NULL;
    case CY_STATE_CANCEL:
        q_unlink(&s->node);
        if (s->parked)
            cy_waiter_remove_(s->loop, &s->reg);
        if (s->granted) {
            /* handed over, never seen: pass it on */
            if (s->kind == K_LOCK)
                cy_lock_release(s->prim);
            else if (s->kind == K_SEM)
                cy_sem_release(s->prim);
        }
        s->granted = 0;
        if (s->parked)
            cy_wake_(s->loop, s->root); /* the loop retires it */
        return self;
    default:
        return self;
    }

    /* first resume */
    if (try_now(s)) {
        s->granted = 1;
        return finish(s);
    }
    cy_task *root = cy_root_of_(self);
    s->root = root;
    self->state = 1;
    if (root->flags & CY_F_ONLOOP_) {
        s->reg.root = root;
        s->reg.notify = reg_notify;
        if (cy_waiter_add_(s->loop, &s->reg, self)) {
            self->status = CY_ERROR;
            self->err = -ENOMEM;
            return self;
        }
        s->parked = 1;
        root->flags |= CY_F_PARKED_;
    }
    q_push(queue_of(s), &s->node);
    return NULL;
}
