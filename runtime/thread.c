/*
 * thread.c - the thread pool: cy_to_thread / cy_run_in_executor run a
 * plain C function on a worker thread while the awaiting task is parked.
 *
 * An executor is a FIFO of jobs and up to max worker threads, started on
 * demand.  A job is allocated apart from the awaiting frame, since a
 * worker may still run it after that frame was cancelled and freed: the
 * frame then orphans the job (job->frame = NULL, loop thread only) and the
 * loop frees it once it comes back.  A worker hands a finished job to the
 * job's loop: it pushes it on the loop's done list (ext->mu) and writes
 * the loop's eventfd, a source in the loop's epoll set; the loop, on its
 * own thread, takes the list and wakes the tasks.  The same list-and-
 * eventfd carries cy_loop_post's hand-offs from any thread to a shared
 * loop (one loop per thread).  Nothing else crosses threads.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "coroc.h"
#include "internal.h"
#include "ext.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

enum { JOB_QUEUED, JOB_RUNNING };

struct work_frame;

struct cy_job_ {
    struct cy_job_ *next;
    cy_work_fn fn;
    void *arg;
    int rc;
    int state;                 /* under the executor's mutex */
    void (*dispose)(void *arg); /* frees arg when the job is orphaned */
    struct cy_loop_ext_ *x;    /* its loop's */
    struct work_frame *frame;  /* NULL once orphaned (loop thread only) */
};

struct cy_executor {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct cy_job_ *head, *tail;
    pthread_t *threads;
    unsigned nthreads, max, idle;
    int quit;
};

/* ---- executors ------------------------------------------------------------ */

static void *worker(void *arg)
{
    cy_executor *ex = arg;
    pthread_mutex_lock(&ex->mu);
    for (;;) {
        while (!ex->head && !ex->quit) {
            ex->idle++;
            pthread_cond_wait(&ex->cv, &ex->mu);
            ex->idle--;
        }
        struct cy_job_ *j = ex->head;
        if (!j)
            break; /* quit, and nothing left to run */
        ex->head = j->next;
        if (!ex->head)
            ex->tail = NULL;
        j->state = JOB_RUNNING;
        pthread_mutex_unlock(&ex->mu);

        int rc = j->fn(j->arg);

        /* hand it to its loop; the eventfd is written under the lock, so
         * that cy_loop_close, which waits for inflight to reach 0, never
         * closes it under a worker */
        struct cy_loop_ext_ *x = j->x;
        pthread_mutex_lock(&x->mu);
        j->rc = rc;
        j->next = x->done;
        x->done = j; /* the loop may free it from now on */
        uint64_t one = 1;
        while (write(x->efd, &one, sizeof one) < 0 && errno == EINTR)
            ;
        x->inflight--;
        pthread_cond_broadcast(&x->cv);
        pthread_mutex_unlock(&x->mu);
        pthread_mutex_lock(&ex->mu);
    }
    pthread_mutex_unlock(&ex->mu);
    return NULL;
}

cy_executor *cy_executor_new(unsigned max_threads)
{
    if (max_threads == 0 || max_threads > 1024)
        return NULL;
    cy_executor *ex = calloc(1, sizeof *ex);
    if (!ex)
        return NULL;
    ex->threads = calloc(max_threads, sizeof *ex->threads);
    if (!ex->threads || pthread_mutex_init(&ex->mu, NULL)) {
        free(ex->threads);
        free(ex);
        return NULL;
    }
    if (pthread_cond_init(&ex->cv, NULL)) {
        pthread_mutex_destroy(&ex->mu);
        free(ex->threads);
        free(ex);
        return NULL;
    }
    ex->max = max_threads;
    return ex;
}

void cy_executor_free(cy_executor *ex)
{
    if (!ex)
        return;
    pthread_mutex_lock(&ex->mu);
    ex->quit = 1;
    pthread_cond_broadcast(&ex->cv);
    pthread_mutex_unlock(&ex->mu);
    for (unsigned i = 0; i < ex->nthreads; i++)
        pthread_join(ex->threads[i], NULL);
    pthread_cond_destroy(&ex->cv);
    pthread_mutex_destroy(&ex->mu);
    free(ex->threads);
    free(ex);
}

unsigned cy_executor_threads(cy_executor *ex)
{
    if (!ex)
        return 0;
    pthread_mutex_lock(&ex->mu);
    unsigned n = ex->nthreads;
    pthread_mutex_unlock(&ex->mu);
    return n;
}

/* Queue a job; start a worker if none is idle and there is room.  A new
 * thread starts with every signal blocked: signals go to the loop's
 * thread (its signalfd), never to a worker.  0 or a negative errno. */
static int submit(cy_executor *ex, struct cy_job_ *j)
{
    pthread_mutex_lock(&ex->mu);
    int rc = 0;
    if (ex->idle == 0 && ex->nthreads < ex->max) {
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        int e = pthread_create(&ex->threads[ex->nthreads], NULL, worker, ex);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (e == 0)
            ex->nthreads++;
        else if (ex->nthreads == 0)
            rc = -e;
    }
    if (rc == 0) {
        j->state = JOB_QUEUED;
        j->next = NULL;
        if (ex->tail)
            ex->tail->next = j;
        else
            ex->head = j;
        ex->tail = j;
        pthread_cond_signal(&ex->cv);
    }
    pthread_mutex_unlock(&ex->mu);
    return rc;
}

/* Take j out of ex's queue if no worker took it yet: 1 if it did. */
static int unqueue(cy_executor *ex, struct cy_job_ *j)
{
    pthread_mutex_lock(&ex->mu);
    int found = 0;
    if (j->state == JOB_QUEUED) {
        struct cy_job_ **p = &ex->head, *prev = NULL;
        while (*p && *p != j) {
            prev = *p;
            p = &(*p)->next;
        }
        if (*p) {
            *p = j->next;
            if (ex->tail == j)
                ex->tail = prev;
            found = 1;
        }
    }
    pthread_mutex_unlock(&ex->mu);
    return found;
}

/* ---- the awaiting frame ------------------------------------------------------ */

struct work_frame {
    cy_task task;
    cy_loop *loop;
    cy_executor *ex;
    cy_work_fn fn;
    void *arg;
    void (*dispose)(void *arg);
    struct cy_job_ *job;
    cy_task *root;
    cy_waiter_ reg;
    int rc;
    uint8_t parked, done;
};

static cy_task *work_resume(cy_task *self);
static const cy_desc work_desc = {
    .name = "to_thread", .resume = work_resume,
    .size = sizeof(struct work_frame),
};

static void reg_notify(cy_loop *loop, cy_waiter_ *w)
{
    cy_wake_(loop, w->root);
}

/* A hand-off from another thread (cy_loop_post, cy_loop_post_task). */
struct cy_post_ {
    struct cy_post_ *next;
    cy_post_fn fn; /* NULL: schedule task */
    void *arg;
    cy_task *task;
};

static void run_posts(cy_loop *loop, struct cy_post_ *p)
{
    while (p) {
        struct cy_post_ *next = p->next;
        if (p->fn)
            p->fn(loop, p->arg);
        else if (cy_loop_schedule(loop, p->task))
            cy_task_free(p->task); /* no room: the task is dropped */
        free(p);
        p = next;
    }
}

static void drop_posts(struct cy_post_ *p)
{
    while (p) {
        struct cy_post_ *next = p->next;
        if (!p->fn)
            cy_task_free(p->task);
        free(p);
        p = next;
    }
}

/* The eventfd is readable: wake the tasks whose jobs are done, run the
 * posts of other threads. */
static void on_jobs_done(cy_loop *loop, void *arg)
{
    struct cy_loop_ext_ *x = arg;
    uint64_t v;
    while (read(x->efd, &v, sizeof v) < 0 && errno == EINTR)
        ;
    pthread_mutex_lock(&x->mu);
    struct cy_job_ *j = x->done;
    x->done = NULL;
    struct cy_post_ *posts = x->posts;
    x->posts = NULL;
    x->posts_tail = &x->posts;
    pthread_mutex_unlock(&x->mu);
    run_posts(loop, posts);
    while (j) {
        struct cy_job_ *next = j->next;
        struct work_frame *f = j->frame;
        if (f) {
            f->rc = j->rc;
            f->done = 1;
            f->job = NULL;
            f->parked = 0;
            loop->io_waiting--;
            cy_waiter_remove_(loop, &f->reg);
            cy_wake_(loop, f->root);
        } else if (j->dispose) {
            j->dispose(j->arg);
        }
        free(j);
        j = next;
    }
}

static int ensure_efd(cy_loop *loop, struct cy_loop_ext_ *x)
{
    if (x->efd >= 0)
        return 0;
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0)
        return errno ? -errno : -EIO;
    int rc = cy_io_add_source_(loop, fd, on_jobs_done, x);
    if (rc) {
        close(fd);
        return rc;
    }
    x->efd = fd;
    return 0;
}

int cy_loop_share(cy_loop *loop)
{
    if (!loop)
        return -EINVAL;
    struct cy_loop_ext_ *x = cy_ext_(loop);
    if (!x)
        return -ENOMEM;
    int rc = ensure_efd(loop, x);
    if (rc)
        return rc;
    pthread_mutex_lock(&x->mu);
    if (!x->posts_tail)
        x->posts_tail = &x->posts;
    x->shared = 1;
    pthread_mutex_unlock(&x->mu);
    return 0;
}

/* Queue a post; the eventfd is written when the FIFO was empty (the loop
 * takes it whole), so a burst of posts costs one wake-up. */
static int post(cy_loop *loop, cy_post_fn fn, void *arg, cy_task *t)
{
    /* loop->ext was made by cy_loop_share, before this thread got the
     * loop; it stays until cy_loop_close, which no post may overlap */
    struct cy_loop_ext_ *x = loop ? loop->ext : NULL;
    if (!x || (!fn && !t))
        return -EINVAL;
    struct cy_post_ *p = malloc(sizeof *p);
    if (!p)
        return -ENOMEM;
    p->next = NULL;
    p->fn = fn;
    p->arg = arg;
    p->task = t;
    pthread_mutex_lock(&x->mu);
    if (!x->shared) {
        pthread_mutex_unlock(&x->mu);
        free(p);
        return -EINVAL;
    }
    int was_empty = x->posts == NULL;
    *x->posts_tail = p;
    x->posts_tail = &p->next;
    if (was_empty) {
        uint64_t one = 1;
        while (write(x->efd, &one, sizeof one) < 0 && errno == EINTR)
            ;
    }
    pthread_mutex_unlock(&x->mu);
    return 0;
}

int cy_loop_post(cy_loop *loop, cy_post_fn fn, void *arg)
{
    return fn ? post(loop, fn, arg, NULL) : -EINVAL;
}

int cy_loop_post_task(cy_loop *loop, cy_task *t)
{
    return t ? post(loop, NULL, NULL, t) : -EINVAL;
}

static cy_task *work_new(cy_loop *loop, cy_executor *ex, cy_work_fn fn,
                         void *arg)
{
    if (!loop)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    struct work_frame *f = cy_alloc(sizeof *f);
    if (!f)
        return NULL;
    cy_task_init(&f->task, &work_desc, CY_F_HEAP);
    f->loop = loop;
    f->ex = ex;
    f->fn = fn;
    f->arg = arg;
    return &f->task;
}

cy_task *cy_run_in_executor(cy_loop *loop, cy_executor *ex, cy_work_fn fn,
                            void *arg)
{
    return work_new(loop, ex, fn, arg);
}

cy_task *cy_to_thread(cy_loop *loop, cy_work_fn fn, void *arg)
{
    return work_new(loop, NULL, fn, arg);
}

cy_task *cy_to_thread_owned_(cy_loop *loop, cy_work_fn fn, void *arg,
                             void (*dispose)(void *arg))
{
    cy_task *t = work_new(loop, NULL, fn, arg);
    if (t)
        ((struct work_frame *)t)->dispose = dispose;
    return t;
}

/* Queue the job and park.  0 or a negative errno. */
static int work_start(struct work_frame *f)
{
    cy_loop *loop = f->loop;
    struct cy_loop_ext_ *x = cy_ext_(loop);
    if (!x)
        return -ENOMEM;
    int rc = ensure_efd(loop, x);
    if (rc)
        return rc;
    if (!f->ex) {
        if (!x->pool && !(x->pool = cy_executor_new(CY_DEFAULT_THREADS)))
            return -ENOMEM;
        f->ex = x->pool;
    }
    struct cy_job_ *j = calloc(1, sizeof *j);
    if (!j)
        return -ENOMEM;
    j->fn = f->fn;
    j->arg = f->arg;
    j->x = x;
    j->dispose = f->dispose;
    j->frame = f;
    f->reg.root = f->root;
    f->reg.notify = reg_notify;
    if ((rc = cy_waiter_add_(loop, &f->reg, &f->task))) {
        free(j);
        return rc;
    }
    pthread_mutex_lock(&x->mu);
    x->inflight++;
    pthread_mutex_unlock(&x->mu);
    if ((rc = submit(f->ex, j))) {
        pthread_mutex_lock(&x->mu);
        x->inflight--;
        pthread_mutex_unlock(&x->mu);
        cy_waiter_remove_(loop, &f->reg);
        free(j);
        return rc;
    }
    f->job = j;
    f->parked = 1;
    loop->io_waiting++;
    f->root->flags |= CY_F_PARKED_;
    return 0;
}

static cy_task *work_resume(cy_task *self)
{
    struct work_frame *f = (struct work_frame *)self;
    switch (self->state) {
    case 0: {
        if (!f->fn)
            return cy_frame_fail_(self, cy_errcode(-EINVAL));
        f->root = cy_root_of_(self);
        self->state = 1;
        if (!(f->root->flags & CY_F_ONLOOP_)) {
            /* stepped by hand: no loop to wake it, run it here */
            int rc = f->fn(f->arg);
            return rc < 0 ? cy_frame_fail_(self, cy_errcode(rc)) : self;
        }
        int rc = work_start(f);
        return rc ? cy_frame_fail_(self, cy_errcode(rc)) : NULL;
    }
    case 1:
        if (f->done)
            return f->rc < 0 ? cy_frame_fail_(self, cy_errcode(f->rc)) : self;
        f->root->flags |= CY_F_PARKED_; /* stepped before its time */
        return NULL;
    case CY_STATE_CANCEL:
        if (f->parked) {
            struct cy_job_ *j = f->job;
            struct cy_loop_ext_ *x = f->loop->ext;
            if (unqueue(f->ex, j)) {
                pthread_mutex_lock(&x->mu);
                x->inflight--;
                pthread_mutex_unlock(&x->mu);
                if (j->dispose)
                    j->dispose(j->arg);
                free(j);
            } else {
                j->frame = NULL; /* a worker runs it: the loop frees it */
            }
            f->job = NULL;
            f->parked = 0;
            f->loop->io_waiting--;
            cy_waiter_remove_(f->loop, &f->reg);
            cy_wake_(f->loop, f->root); /* the loop retires it */
        } else if (f->done && f->dispose) {
            /* the job is over but its result was never read */
            f->dispose(f->arg);
        }
        return self;
    default:
        return self;
    }
}

void cy_thread_close_(cy_loop *loop)
{
    struct cy_loop_ext_ *x = loop->ext;
    /* every waiting task was cancelled: the jobs left run on workers,
     * orphaned; wait for them, then free them */
    pthread_mutex_lock(&x->mu);
    while (x->inflight)
        pthread_cond_wait(&x->cv, &x->mu);
    struct cy_job_ *j = x->done;
    x->done = NULL;
    struct cy_post_ *posts = x->posts;
    x->posts = NULL;
    x->posts_tail = &x->posts;
    x->shared = 0;
    pthread_mutex_unlock(&x->mu);
    drop_posts(posts);
    while (j) {
        struct cy_job_ *next = j->next;
        if (j->frame) /* cannot happen: its task was cancelled */
            j->frame->job = NULL;
        else if (j->dispose)
            j->dispose(j->arg);
        free(j);
        j = next;
    }
    cy_executor_free(x->pool);
    x->pool = NULL;
    if (x->efd >= 0) {
        cy_io_remove_source_(loop, x->efd);
        close(x->efd);
        x->efd = -1;
    }
}
