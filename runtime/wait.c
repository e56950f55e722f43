/*
 * wait.c - the runtime's own coroutines: the frames a task awaits to wait
 * for time or for other tasks (cy_sleep, cy_wait, cy_gather, cy_wait_for)
 * and the join frame cy_await makes to wait for a task that runs on the
 * loop.  Written by hand in the shape coroc emits: a frame starting with a
 * cy_task, a static desc, a switch on the state.
 *
 * Each returns NULL (suspended) while it waits.  On a loop, it first marks
 * the task's root CY_F_PARKED_: the loop then keeps the root out of the
 * ring until a timer or a finishing task wakes it (cy_wake_).  A root no
 * loop runs is stepped by hand: the frame then checks again at each step.
 */
#include "coroc.h"
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

/* ---- join: `await t` for a task that runs elsewhere ---------------------- */

struct join_frame {
    cy_task task;
    cy_loop *loop;    /* set when the loop registers it */
    cy_task *awaited;
    cy_waiter_ w;
};

static cy_task *join_resume(cy_task *self);
static int join_arm(cy_loop *loop, cy_task *join);
/* the loop calls join_arm when the awaiting task parks on it */
static const cy_desc join_desc = {
    .name = "await", .resume = join_resume,
    .size = sizeof(struct join_frame),
    .cy_on_park = join_arm,
};

static void join_notify(cy_loop *loop, cy_waiter_ *w)
{
    cy_wake_(loop, w->root);
}

cy_task *cy_join_new_(cy_task *awaited)
{
    struct join_frame *j = cy_alloc(sizeof *j);
    if (!j)
        return NULL;
    cy_task_init(&j->task, &join_desc, CY_F_HEAP | CY_F_AUTO_);
    j->awaited = awaited;
    return &j->task;
}

/* Register the join in the loop's waiter table (0, -ENOMEM). */
static int join_arm(cy_loop *loop, cy_task *join)
{
    struct join_frame *j = (struct join_frame *)join;
    if (j->w.awaited)
        return 0; /* registered already */
    j->loop = loop;
    return cy_waiter_add_(loop, &j->w, j->awaited);
}

static cy_task *join_resume(cy_task *self)
{
    struct join_frame *j = (struct join_frame *)self;
    if (self->state == CY_STATE_CANCEL) {
        /* the awaiting task is cancelled: so is the task it awaits, as in
         * asyncio; a task it had taken over from the loop is freed */
        if (j->loop)
            cy_waiter_remove_(j->loop, &j->w);
        cy_task *t = j->awaited;
        if (t->status < CY_FINISHED)
            cy_task_cancel(t);
        if (t->flags & CY_F_ADOPTED) {
            t->flags &= (uint8_t)~CY_F_ADOPTED;
            cy_task_free(t);
        }
        if (j->loop)
            cy_wake_(j->loop, j->w.root);
        return self;
    }
    if (j->awaited->status >= CY_FINISHED)
        return self; /* done: the awaiting frame goes on */
    cy_task *root = cy_root_of_(self);
    j->w.root = root;
    j->w.notify = join_notify;
    self->state = 1;
    if ((root->flags & CY_F_ONLOOP_) && (j->awaited->flags & CY_F_ONLOOP_))
        root->flags |= CY_F_PARKED_; /* the loop registers the join */
    return NULL;
}

/* ---- cy_sleep ------------------------------------------------------------ */

struct sleep_frame {
    cy_task task;
    cy_loop *loop;
    double delay;
    int64_t deadline;
    int armed;
    struct cy_timer_ timer;
};

static cy_task *sleep_resume(cy_task *self);
static const cy_desc sleep_desc = {
    .name = "sleep", .resume = sleep_resume,
    .size = sizeof(struct sleep_frame),
};

cy_task *cy_sleep(cy_loop *loop, double delay)
{
    if (!loop)
        return CY_EINVAL_TASK_;
    struct sleep_frame *s = cy_alloc(sizeof *s);
    if (!s)
        return NULL;
    cy_task_init(&s->task, &sleep_desc, CY_F_HEAP);
    s->loop = loop;
    s->delay = delay;
    s->timer.index = CY_NOWHERE_;
    return &s->task;
}

static cy_task *sleep_resume(cy_task *self)
{
    struct sleep_frame *s = (struct sleep_frame *)self;
    switch (self->state) {
    case 0: {
        if (!(s->delay > 0)) {
            self->state = 2; /* sleep(0): suspend once */
            return NULL;
        }
        s->deadline = cy_loop_now_(s->loop) + cy_loop_ns_(s->loop, s->delay);
        cy_task *root = cy_root_of_(self);
        self->state = 1;
        if (root->flags & CY_F_ONLOOP_) {
            s->timer.deadline = s->deadline;
            s->timer.root = root;
            if (cy_timer_add_(s->loop, &s->timer)) {
                self->status = CY_ERROR;
                self->err = -ENOMEM;
                return self;
            }
            s->armed = 1;
            root->flags |= CY_F_PARKED_;
        }
        return NULL;
    }
    case 1:
        if (s->armed) {
            if (s->timer.index != CY_NOWHERE_) {
                /* stepped before its time: wait on */
                s->timer.root->flags |= CY_F_PARKED_;
                return NULL;
            }
            return self;
        }
        return cy_loop_now_(s->loop) >= s->deadline ? self : NULL;
    case CY_STATE_CANCEL:
        if (s->armed) {
            cy_timer_remove_(s->loop, &s->timer);
            cy_wake_(s->loop, s->timer.root);
        }
        return self;
    default:
        return self;
    }
}

/* ---- cy_wait, cy_gather, cy_wait_for -------------------------------------- */

enum { KIND_WAIT, KIND_GATHER, KIND_WAIT_FOR };

struct wnode {
    cy_waiter_ w;
    struct wait_frame *frame;
    cy_task *task;
    int done;       /* the task was done when seen */
    int status;     /* its status then */
    int32_t err;
    const char *msg;
};

struct wait_frame {
    cy_task task;
    const char *errmsg; /* the message of a failure (gather, wait_for) */
    cy_loop *loop;
    cy_task *root;
    int kind, mode;
    int parked;         /* registered on the loop (else polling) */
    int satisfied;
    double timeout;
    int64_t deadline;   /* when timeout >= 0 */
    struct cy_timer_ timer;
    int armed;
    size_t n, ndone, nfailed;
    struct wnode nodes[];
};

static cy_task *wait_resume(cy_task *self);
static const cy_desc wait_desc = {
    .name = "wait", .resume = wait_resume,
    .size = sizeof(struct wait_frame),
    .errmsg_offset = offsetof(struct wait_frame, errmsg),
};
static const cy_desc gather_desc = {
    .name = "gather", .resume = wait_resume,
    .size = sizeof(struct wait_frame),
    .errmsg_offset = offsetof(struct wait_frame, errmsg),
};
static const cy_desc wait_for_desc = {
    .name = "wait_for", .resume = wait_resume,
    .size = sizeof(struct wait_frame),
    .errmsg_offset = offsetof(struct wait_frame, errmsg),
};

static cy_task *wait_new(const cy_desc *desc, int kind, cy_loop *loop,
                         cy_task *const *tasks, size_t n, double timeout,
                         int mode)
{
    /* bad arguments: no loop, no array, a NULL task, an unknown mode, or
     * more tasks than memory could hold */
    if (!loop || (n && !tasks) ||
        (mode != CY_FIRST_COMPLETED && mode != CY_FIRST_EXCEPTION &&
         mode != CY_ALL_COMPLETED) ||
        n > (SIZE_MAX - sizeof(struct wait_frame)) / sizeof(struct wnode))
        return CY_EINVAL_TASK_;
    for (size_t i = 0; i < n; i++)
        if (!tasks[i])
            return CY_EINVAL_TASK_;
    struct wait_frame *f =
        cy_alloc(sizeof *f + n * sizeof(struct wnode));
    if (!f)
        return NULL;
    cy_task_init(&f->task, desc, CY_F_HEAP);
    f->loop = loop;
    f->kind = kind;
    f->mode = mode;
    f->timeout = timeout;
    f->timer.index = CY_NOWHERE_;
    f->n = n;
    for (size_t i = 0; i < n; i++) {
        f->nodes[i].frame = f;
        f->nodes[i].task = tasks[i];
    }
    return &f->task;
}

cy_task *cy_wait(cy_loop *loop, cy_task *const *tasks, size_t n,
                 double timeout, int mode)
{
    return wait_new(&wait_desc, KIND_WAIT, loop, tasks, n, timeout, mode);
}

cy_task *cy_gather(cy_loop *loop, cy_task *const *tasks, size_t n)
{
    return wait_new(&gather_desc, KIND_GATHER, loop, tasks, n, -1,
                    CY_FIRST_EXCEPTION);
}

cy_task *cy_wait_for(cy_loop *loop, cy_task *t, double timeout)
{
    return wait_new(&wait_for_desc, KIND_WAIT_FOR, loop, &t, 1, timeout,
                    CY_FIRST_COMPLETED);
}

static int satisfied(const struct wait_frame *f)
{
    if (f->ndone == f->n)
        return 1;
    switch (f->mode) {
    case CY_FIRST_COMPLETED: return f->ndone > 0;
    case CY_FIRST_EXCEPTION: return f->nfailed > 0;
    default: return 0;
    }
}

/* Record that node x's task is done. */
static void seen_done(struct wait_frame *f, struct wnode *x)
{
    cy_task *t = x->task;
    x->done = 1;
    x->status = t->status;
    x->err = cy_task_error(t); /* 0 for a FINISHED t: err may hold its result */
    x->msg = cy_task_message(t);
    f->ndone++;
    if (t->status >= CY_ERROR)
        f->nfailed++;
}

static void wait_notify(cy_loop *loop, cy_waiter_ *w)
{
    struct wnode *x = (struct wnode *)w;
    struct wait_frame *f = x->frame;
    seen_done(f, x);
    if (!f->satisfied && satisfied(f)) {
        f->satisfied = 1;
        cy_wake_(loop, f->root);
    }
}

/* Leave every list and the heap. */
static void wait_unhook(struct wait_frame *f)
{
    for (size_t i = 0; i < f->n; i++)
        cy_waiter_remove_(f->loop, &f->nodes[i].w);
    cy_timer_remove_(f->loop, &f->timer);
}

static cy_task *wait_fail(cy_task *self, int32_t err, const char *msg)
{
    struct wait_frame *f = (struct wait_frame *)self;
    self->status = CY_ERROR;
    self->err = err;
    f->errmsg = msg;
    return self;
}

/* The wait is over (its mode, or its timeout): its outcome. */
static cy_task *wait_finish(cy_task *self)
{
    struct wait_frame *f = (struct wait_frame *)self;
    wait_unhook(f);
    if (f->kind == KIND_WAIT)
        return self;
    for (size_t i = 0; i < f->n; i++) {
        struct wnode *x = &f->nodes[i];
        if (x->done && x->status >= CY_ERROR)
            return wait_fail(self, x->status == CY_CANCELLED ? -ECANCELED
                                                             : x->err,
                             x->msg);
    }
    if (f->kind == KIND_WAIT_FOR && !f->nodes[0].done) {
        /* timed out */
        cy_task_cancel(f->nodes[0].task);
        return wait_fail(self, -ETIMEDOUT, NULL);
    }
    return self;
}

static cy_task *wait_resume(cy_task *self)
{
    struct wait_frame *f = (struct wait_frame *)self;
    switch (self->state) {
    case 0:
        break;
    case 1:
        if (!f->parked) {
            /* stepped by hand: look again */
            for (size_t i = 0; i < f->n; i++)
                if (!f->nodes[i].done &&
                    f->nodes[i].task->status >= CY_FINISHED)
                    seen_done(f, &f->nodes[i]);
            if (satisfied(f) || (f->timeout >= 0 &&
                                 cy_loop_now_(f->loop) >= f->deadline))
                return wait_finish(self);
            return NULL;
        }
        if (f->satisfied || (f->armed && f->timer.index == CY_NOWHERE_))
            return wait_finish(self);
        f->root->flags |= CY_F_PARKED_; /* stepped before its time */
        return NULL;
    case CY_STATE_CANCEL:
        wait_unhook(f);
        if (f->kind != KIND_WAIT)
            for (size_t i = 0; i < f->n; i++)
                if (f->nodes[i].task->status < CY_FINISHED)
                    cy_task_cancel(f->nodes[i].task);
        if (f->parked)
            cy_wake_(f->loop, f->root);
        return self;
    default:
        return self;
    }

    /* first resume (the factory checked the tasks) */
    for (size_t i = 0; i < f->n; i++) {
        cy_task *t = f->nodes[i].task;
        if (t->status >= CY_FINISHED) {
            seen_done(f, &f->nodes[i]);
        } else if (!(t->flags & CY_F_ONLOOP_)) {
            int rc = cy_loop_launch(f->loop, t);
            if (rc)
                return wait_fail(self, rc, NULL);
        }
    }
    f->deadline = f->timeout >= 0
                      ? cy_loop_now_(f->loop) + cy_loop_ns_(f->loop, f->timeout)
                      : 0;
    if (satisfied(f))
        return wait_finish(self);
    f->root = cy_root_of_(self);
    self->state = 1;
    if (!(f->root->flags & CY_F_ONLOOP_))
        return NULL; /* stepped by hand: polls */
    for (size_t i = 0; i < f->n; i++) {
        struct wnode *x = &f->nodes[i];
        if (x->done)
            continue;
        x->w.root = f->root;
        x->w.notify = wait_notify;
        if (cy_waiter_add_(f->loop, &x->w, x->task)) {
            wait_unhook(f);
            return wait_fail(self, -ENOMEM, NULL);
        }
    }
    if (f->timeout >= 0) {
        f->timer.deadline = f->deadline;
        f->timer.root = f->root;
        if (cy_timer_add_(f->loop, &f->timer)) {
            wait_unhook(f);
            return wait_fail(self, -ENOMEM, NULL);
        }
        f->armed = 1;
    }
    f->parked = 1;
    f->root->flags |= CY_F_PARKED_;
    return NULL;
}
