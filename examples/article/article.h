/*
 * article.h - the article's own Task and Loop classes (parts 2 and 3), in
 * C, for the programs examples/article/2-*.cy and 3-*.cy.
 *
 * Parts 2 and 3 of the article do not use asyncio: they grow the Task and
 * Loop classes of part 1 themselves, so the programs that port them do too
 * (the runtime's cy_loop plays no part here).  This header holds the plain
 * C half, the final state those classes reach in part 2 (which part 3 uses
 * as is):
 *
 *   - Task wraps a coroutine (a cy_task the coroutine's constructor made):
 *     name, status (NEW, RUNNING, FINISHED, ERROR, CANCELLED), msg (the
 *     answer to send at the next run), return_value, error_value; run(),
 *     is_done(), cancel(), is_cancelled(), __repr__;
 *   - Loop is a deque of Tasks: schedule(), _loop() (which runs one task,
 *     prints it once done, forgets a cancelled one and answers the
 *     CALL_SCHEDULE message), run_until_empty(), run_until_complete();
 *   - the messages: a coroutine yields (TYPE_APPEL, arguments), here a
 *     `call` {type, n, args}, and is sent back a `tuple` of Tasks;
 *   - datetime.now() and timedelta for async_sleep and the fast-food
 *     server, on a clock that is real or virtual (below).
 *
 * The coroutine half (ensure_future, cancel, wait, async_sleep) is written
 * in each .cy that uses it, as the article writes it: a header is not
 * translated by coroc.
 *
 * Differences from the Python, all invisible in the transcripts:
 *   - Python's garbage collector frees the Tasks; here the Loop keeps
 *     every Task it made and Loop_close frees them (a coroutine still
 *     suspended, a zombie or a forgotten cancelled one, is closed then, as
 *     the collector would close its generator);
 *   - Task.run sends self.msg once: Python keeps sending the same tuple
 *     at every later run, which a bare `yield` ignores, while
 *     cy_task_send refuses a value for a frame that receives none;
 *   - schedule() takes a coroutine (Python: anything not a Task is
 *     wrapped in one); Loop_schedule_task takes a Task;
 *   - the statuses are the article's strings, compared as pointers;
 *   - return_value or error_value: a C result is "false" as in Python
 *     when it is 0, NULL, an empty string or has no value (void: None);
 *     an error prints as OSError(errno) (no transcript shows one).
 */
#ifndef ARTICLE_H
#define ARTICLE_H

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timedelta.h"

/* coroc's own pass over the directives (to learn typedef names) runs
 * without the runtime's -I; the C compiler finds it */
#if defined(__has_include)
#if __has_include(<coroc.h>)
#include <coroc.h>
#endif
#else
#include <coroc.h>
#endif

/* ---------------------------------------------------------------- values */

/* A value that is not a C scalar (wait's pair of sets) starts with its
 * __repr__, so that a Task can print any result. */
typedef struct object {
    int (*repr)(const void *self, char *buf, size_t size);
} object;

/* ----------------------------------------------------------------- tasks */

static const char STATUS_NEW[] = "NEW";
static const char STATUS_RUNNING[] = "RUNNING";
static const char STATUS_FINISHED[] = "FINISHED";
static const char STATUS_ERROR[] = "ERROR";
static const char STATUS_CANCELLED[] = "CANCELLED";

#define CALL_SCHEDULE "SCHEDULE"
#define TUPLE_MAX 8

typedef struct Task Task;

/* (TYPE_APPEL, arguments): what a coroutine yields to call its loop */
typedef struct call {
    const char *type;      /* CALL_SCHEDULE */
    size_t n;
    cy_task *const *args;  /* the coroutines to schedule */
} call;

/* what the loop sends back: a tuple of Tasks */
typedef struct tuple {
    size_t n;
    Task *items[TUPLE_MAX];
} tuple;

struct Task {
    cy_task *coro;           /* coroutine to run */
    const char *name;
    const char *status;
    int has_msg;             /* self.msg is not None */
    tuple msg;               /* the message to send to the task */
    const void *return_value; /* the result in the coroutine's frame, or NULL */
    int error_value;         /* the error it failed with (a negative errno) */
    Task *made_next;         /* every Task the loop made (private) */
};

static inline Task *Task_new(cy_task *coro)
{
    if (!coro)
        return NULL;
    Task *self = calloc(1, sizeof *self);
    if (!self)
        return NULL;
    self->coro = coro;
    self->name = cy_task_name(coro);
    self->status = STATUS_NEW;
    return self;
}

static inline void Task_free(Task *self)
{
    if (!self)
        return;
    cy_task_free(self->coro); /* closes a coroutine still suspended */
    free(self);
}

static inline int Task_is_done(const Task *self)
{
    return self->status == STATUS_FINISHED || self->status == STATUS_ERROR;
}

static inline int Task_is_cancelled(const Task *self)
{
    return self->status == STATUS_CANCELLED;
}

static inline void Task_cancel(Task *self)
{
    if (Task_is_done(self))
        return; /* no use cancelling a task that is done */
    self->status = STATUS_CANCELLED;
}

/* Run the task to its next pause; returns the message it yielded, NULL
 * for None (a bare yield, or the task is done). */
static inline const call *Task_run(Task *self)
{
    self->status = STATUS_RUNNING;
    int rc;
    if (self->has_msg) {
        self->has_msg = 0;
        rc = cy_task_send(self->coro, &self->msg, sizeof self->msg);
    } else {
        rc = cy_task_step(self->coro); /* send(None) */
    }
    if (rc == 1)
        return cy_task_yielded(self->coro);
    if (cy_task_status(self->coro) == CY_FINISHED) { /* StopIteration */
        self->status = STATUS_FINISHED;
        self->return_value = cy_task_result(self->coro);
    } else {                                         /* another exception */
        self->status = STATUS_ERROR;
        self->error_value = rc < 0 ? rc : cy_task_error(self->coro);
    }
    return NULL;
}

/* Python's truth value of a result */
static inline int value_truthy(int kind, size_t size, const void *v)
{
    if (!v || kind == CY_KIND_VOID)
        return 0;
    if (kind == CY_KIND_STRING) {
        const char *s;
        memcpy(&s, v, sizeof s);
        return s && *s;
    }
    if (kind == CY_KIND_OTHER)
        return 1;
    for (size_t i = 0; i < size; i++) /* a zero number is false */
        if (((const unsigned char *)v)[i])
            return 1;
    return 0;
}

/* snprintf-like appending: *len grows by what the full text needs */
static inline void put(char *buf, size_t size, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len < size) {
        size_t room = size - *len - 1;
        memcpy(buf + *len, s, n < room ? n : room);
        buf[*len + (n < room ? n : room)] = '\0';
    }
    *len += n;
}

/* repr(self.return_value or self.error_value) */
static inline void put_value_repr(const Task *self, char *buf, size_t size,
                           size_t *len)
{
    const cy_desc *d = self->coro->desc;
    char small[64];
    if (value_truthy(d->result_kind, d->result_size, self->return_value)) {
        if (d->result_kind == CY_KIND_OTHER) {
            const object *o = self->return_value;
            size_t at = *len < size ? *len : size;
            *len += (size_t)o->repr(o, buf + at, size - at);
            return;
        }
        cy_value_repr(d->result_kind, d->result_size, self->return_value,
                      small, sizeof small);
    } else if (self->error_value) {
        snprintf(small, sizeof small, "OSError(%d)", -self->error_value);
    } else {
        snprintf(small, sizeof small, "None");
    }
    put(buf, size, len, small);
}

/* __repr__: <Task 'name' [STATUS]>, and (value) once done */
static inline int Task_repr(const Task *self, char *buf, size_t size)
{
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    put(buf, size, &len, "<Task '");
    put(buf, size, &len, self->name);
    put(buf, size, &len, "' [");
    put(buf, size, &len, self->status);
    put(buf, size, &len, "]");
    if (Task_is_done(self)) {
        put(buf, size, &len, " (");
        put_value_repr(self, buf, size, &len);
        put(buf, size, &len, ")");
    }
    put(buf, size, &len, ">");
    return (int)len;
}

/* print(task) */
static inline void Task_print(const Task *self)
{
    char buf[512];
    Task_repr(self, buf, sizeof buf);
    printf("%s\n", buf);
}

/* ------------------------------------------------------------------ time */

/* datetime.now() and timedelta, in microseconds as Python's.  The clock is
 * the program's own: real (C11's timespec_get, the wall clock as
 * datetime.now() reads it, optionally scaled: with a
 * scale of 0.01 a second lasts 10 ms, so the programs run 100 times faster
 * and print the same durations), or virtual: it starts at 0 and each step
 * the Loop runs lasts exactly VIRTUAL_STEP_US, so that a run takes no time
 * and prints the same durations on any machine (the tests). */
typedef int64_t datetime;

#define VIRTUAL_STEP_US 1000

static struct {
    int is_virtual;
    double scale;          /* real seconds per second of the program */
    struct timespec start;
    int64_t virtual_us;
} the_clock = { 1, 1.0, { 0, 0 }, 0 };

/* No argument: the virtual clock; "PROG SCALE": the real clock, a second
 * lasting SCALE seconds (1: the article's seconds). */
static inline int clock_setup(int argc, char **argv)
{
    if (argc < 2)
        return 0;
    double scale = atof(argv[1]);
    if (!(scale > 0)) {
        fprintf(stderr, "usage: %s [SCALE]  (SCALE > 0: real seconds per second)\n", argv[0]);
        return -EINVAL;
    }
    the_clock.is_virtual = 0;
    the_clock.scale = scale;
    timespec_get(&the_clock.start, TIME_UTC);
    return 0;
}

static inline datetime datetime_now(void)
{
    if (the_clock.is_virtual)
        return the_clock.virtual_us;
    struct timespec now;
    timespec_get(&now, TIME_UTC);
    double real = (double)(now.tv_sec - the_clock.start.tv_sec) +
                  (double)(now.tv_nsec - the_clock.start.tv_nsec) / 1e9;
    return (datetime)(real / the_clock.scale * 1e6);
}

/* the virtual clock moves as the loop runs */
static inline void clock_step(void)
{
    if (the_clock.is_virtual)
        the_clock.virtual_us += VIRTUAL_STEP_US;
}

/* ------------------------------------------------------------------ loop */

#define LOOP_MAX 32

typedef struct Loop {
    Task *running[LOOP_MAX]; /* self._running: a deque of Tasks */
    size_t head, count;
    Task *made;              /* every Task made, for Loop_close */
} Loop;

static inline void Loop_init(Loop *self)
{
    memset(self, 0, sizeof *self);
}

/* schedule(task) for a Task: append it to the deque */
static inline Task *Loop_schedule_task(Loop *self, Task *task)
{
    if (!task || self->count == LOOP_MAX)
        return NULL;
    self->running[(self->head + self->count++) % LOOP_MAX] = task;
    return task;
}

/* schedule(coro): wrap the coroutine in a Task, append it, return it */
static inline Task *Loop_schedule(Loop *self, cy_task *coro)
{
    Task *task = Task_new(coro);
    if (!task) {
        cy_task_free(coro);
        return NULL;
    }
    task->made_next = self->made;
    self->made = task;
    return Loop_schedule_task(self, task);
}

static inline Task *Loop_popleft(Loop *self)
{
    Task *task = self->running[self->head];
    self->head = (self->head + 1) % LOOP_MAX;
    self->count--;
    return task;
}

/* One step of the loop; 0, -EPROTO for an unknown message, -ENOMEM */
static inline int Loop__loop(Loop *self)
{
    Task *task = Loop_popleft(self);

    if (Task_is_cancelled(task)) {
        /* a cancelled task is not run: it is "forgotten" */
        Task_print(task);
        return 0;
    }

    const call *msg = Task_run(task); /* the message it sends */
    clock_step();

    if (Task_is_done(task))
        Task_print(task);
    else if (!Loop_schedule_task(self, task))
        return -ENOMEM;

    if (!msg)
        return 0;

    if (strcmp(msg->type, CALL_SCHEDULE) == 0) {
        /* an order to run tasks concurrently: schedule them and send the
         * Tasks back to the calling task */
        tuple reply = { 0, { NULL } };
        for (size_t i = 0; i < msg->n && i < TUPLE_MAX; i++) {
            Task *sub = Loop_schedule(self, msg->args[i]);
            if (!sub)
                return -ENOMEM;
            reply.items[reply.n++] = sub;
        }
        task->msg = reply;
        task->has_msg = 1;
        return 0;
    }
    fprintf(stderr, "RuntimeError: Message inconnu : %s\n", msg->type);
    return -EPROTO;
}

static inline int Loop_run_until_empty(Loop *self)
{
    while (self->count) {
        int rc = Loop__loop(self);
        if (rc)
            return rc;
    }
    return 0;
}

/* run_until_complete(coro): 0, or a negative errno */
static inline int Loop_run_until_complete(Loop *self, cy_task *coro)
{
    Task *task = Loop_schedule(self, coro);
    if (!task)
        return -ENOMEM;
    while (!Task_is_done(task)) {
        if (!self->count)
            return -EDEADLK; /* Python: IndexError, pop from an empty deque */
        int rc = Loop__loop(self);
        if (rc)
            return rc;
    }
    return 0;
}

/* What Python's garbage collector does at exit: free every Task */
static inline void Loop_close(Loop *self)
{
    while (self->made) {
        Task *next = self->made->made_next;
        Task_free(self->made);
        self->made = next;
    }
    self->count = 0;
}

#endif /* ARTICLE_H */
