/*
 * loop.c - the event loop: a FIFO ring buffer of ready tasks.
 *
 * The ring's capacity is a power of two; it doubles when full, so a step
 * never allocates: a task that suspends is popped from the head and pushed
 * at the tail, which always has room.
 */
#include "coroc.h"

#include <errno.h>
#include <stdlib.h>

#define CY_LOOP_INITIAL_CAP 16

/* A private flag: the task is one cy_loop_wait (or run_until_complete)
 * waits for.  The caller owns such a task; the loop only drops it from
 * the queue once it is done. */
#define CY_F_WAITED_ 0x80

int cy_loop_init(cy_loop *loop)
{
    if (!loop)
        return -EINVAL;
    loop->ring = malloc(CY_LOOP_INITIAL_CAP * sizeof *loop->ring);
    loop->head = 0;
    loop->count = 0;
    loop->cap = loop->ring ? CY_LOOP_INITIAL_CAP : 0;
    loop->on_done = NULL;
    loop->on_done_arg = NULL;
    return loop->ring ? 0 : -ENOMEM;
}

void cy_loop_close(cy_loop *loop)
{
    if (!loop)
        return;
    for (size_t i = 0; i < loop->count; i++) {
        cy_task *t = loop->ring[(loop->head + i) & (loop->cap - 1)];
        if (t->flags & CY_F_LOOP)
            cy_task_free(t);
    }
    free(loop->ring);
    loop->ring = NULL;
    loop->head = loop->count = loop->cap = 0;
    loop->on_done = NULL;
    loop->on_done_arg = NULL;
}

static int grow(cy_loop *loop)
{
    size_t cap = loop->cap ? loop->cap * 2 : CY_LOOP_INITIAL_CAP;
    if (cap < loop->cap || cap > SIZE_MAX / sizeof *loop->ring)
        return -ENOMEM;
    cy_task **ring = malloc(cap * sizeof *ring);
    if (!ring)
        return -ENOMEM;
    for (size_t i = 0; i < loop->count; i++)
        ring[i] = loop->ring[(loop->head + i) & (loop->cap - 1)];
    free(loop->ring);
    loop->ring = ring;
    loop->head = 0;
    loop->cap = cap;
    return 0;
}

static int push(cy_loop *loop, cy_task *t)
{
    if (loop->count == loop->cap) {
        int rc = grow(loop);
        if (rc)
            return rc;
    }
    loop->ring[(loop->head + loop->count) & (loop->cap - 1)] = t;
    loop->count++;
    return 0;
}

/* Re-queue a task just popped: there is always room. */
static inline void push_back(cy_loop *loop, cy_task *t)
{
    loop->ring[(loop->head + loop->count) & (loop->cap - 1)] = t;
    loop->count++;
}

static inline cy_task *pop(cy_loop *loop)
{
    cy_task *t = loop->ring[loop->head];
    loop->head = (loop->head + 1) & (loop->cap - 1);
    loop->count--;
    return t;
}

int cy_loop_schedule(cy_loop *loop, cy_task *t)
{
    if (!loop || !t || t->status >= CY_FINISHED ||
        (t->flags & (CY_F_LOOP | CY_F_WAITED_)))
        return -EINVAL;
    int rc = push(loop, t);
    if (rc)
        return rc;
    t->flags |= CY_F_LOOP;
    return 0;
}

void cy_loop_on_done(cy_loop *loop, cy_done_fn fn, void *arg)
{
    loop->on_done = fn;
    loop->on_done_arg = fn ? arg : NULL;
}

/* Step the head task once; requeue it if it suspended, else retire it.
 * Returns 1 if the retired task was one a wait is waiting for, else 0. */
static inline int run_one(cy_loop *loop)
{
    cy_task *t = pop(loop);
    /* a task cancelled while queued answers -EINVAL: it is done too */
    if (cy_task_step(t) == 1) {
        push_back(loop, t);
        return 0;
    }
    if (t->flags & CY_F_LOOP) {
        if (loop->on_done)
            loop->on_done(loop, t, loop->on_done_arg);
        cy_task_free(t);
        return 0;
    }
    /* a waited-for task: it stays its caller's */
    if (t->flags & CY_F_WAITED_) {
        t->flags &= (uint8_t)~CY_F_WAITED_;
        return 1;
    }
    return 0;
}

int cy_loop_run(cy_loop *loop)
{
    if (!loop)
        return -EINVAL;
    while (loop->count)
        run_one(loop);
    return 0;
}

int cy_loop_wait(cy_loop *loop, cy_task *const *tasks, size_t n)
{
    if (!loop || (n && !tasks))
        return -EINVAL;
    /* check and mark (the mark finds duplicates) */
    size_t pending = 0;
    for (size_t i = 0; i < n; i++) {
        cy_task *t = tasks[i];
        if (!t || (t->flags & (CY_F_LOOP | CY_F_WAITED_))) {
            while (i--)
                tasks[i]->flags &= (uint8_t)~CY_F_WAITED_;
            return -EINVAL;
        }
        t->flags |= CY_F_WAITED_;
        if (t->status < CY_FINISHED)
            pending++;
    }
    /* make room first, so that a failure leaves the queue as it was */
    while (loop->cap - loop->count < pending) {
        if (grow(loop)) {
            for (size_t i = 0; i < n; i++)
                tasks[i]->flags &= (uint8_t)~CY_F_WAITED_;
            return -ENOMEM;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (tasks[i]->status < CY_FINISHED)
            push_back(loop, tasks[i]);
        else
            tasks[i]->flags &= (uint8_t)~CY_F_WAITED_;
    }
    /* every waited task leaves the queue once done, even if something else
     * ended it (cancellation) while it was queued.  The queue can only
     * empty first if a nested run retired some of them. */
    while (pending && loop->count)
        pending -= (size_t)run_one(loop);
    return 0;
}

int cy_loop_run_until_complete(cy_loop *loop, cy_task *t)
{
    if (!t)
        return -EINVAL;
    return cy_loop_wait(loop, &t, 1);
}
