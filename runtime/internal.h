/*
 * internal.h - what the runtime's own files share and a program does not
 * see: private flag bits, timers, waiter nodes and the loop's internal
 * calls.  Not installed.
 */
#ifndef COROC_INTERNAL_H
#define COROC_INTERNAL_H

#include "coroc.h"

/* what coroc.h no longer brings (it includes freestanding headers only) */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define CY_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define CY_NOINLINE __attribute__((noinline))
/* tells the compiler x holds (a ring slot is never NULL) */
#define CY_ASSUME(x) do { if (!(x)) __builtin_unreachable(); } while (0)
#else
#define CY_ASSUME(x) ((void)0)
#define CY_NOINLINE
#define CY_UNLIKELY(x) (x)
#endif

/* Private flag bits (CY_F_HEAP, CY_F_LOOP and CY_F_ADOPTED are public). */
#define CY_F_AUTO_     0x08 /* a runtime frame freed as soon as it is done */
#define CY_F_WAITERS_  0x10 /* the loop's waiter table has tasks awaiting it */
#define CY_F_PARKED_   0x20 /* out of the ring until a timer or task wakes it */
#define CY_F_LAUNCHED_ 0x40 /* cy_loop_launch: on a loop, still the caller's */
#define CY_F_WAITED_   0x80 /* cy_loop_wait waits for it: the caller's */
/* the loop holds the task (it is in the ring or parked) */
#define CY_F_ONLOOP_ (CY_F_LOOP | CY_F_LAUNCHED_ | CY_F_WAITED_)

#define CY_NOWHERE_ ((size_t)-1)

/* A timer: lives in the frame that sleeps; the loop's heap points at it. */
struct cy_timer_ {
    int64_t deadline; /* loop clock, nanoseconds */
    uint64_t seq;     /* arming order: equal deadlines fire FIFO */
    size_t index;     /* place in the heap, CY_NOWHERE_ when not in it */
    cy_task *root;    /* the task to wake */
};

/* A waiter: a node in the list of the tasks awaiting one task.  Lives in
 * the frame that waits (a join, a cy_wait). */
typedef struct cy_waiter_ cy_waiter_;
struct cy_waiter_ {
    cy_task *awaited; /* NULL when in no list */
    cy_waiter_ *prev, *next;
    cy_task *root;    /* the task that waits */
    void (*notify)(cy_loop *loop, cy_waiter_ *w); /* awaited is done */
};

/* One entry of the loop's waiter table: awaited task -> its waiters. */
struct cy_wslot_ {
    cy_task *key;
    cy_waiter_ *head, *tail;
};

/* task.c: the answer of every wait factory (cy_sleep, cy_wait, ...,
 * cy_lock_acquire, ...) to a bad argument: a static task already failed
 * with -EINVAL, so that the await that gets it fails with -EINVAL (NULL
 * would be reported as -ENOMEM). */
extern const cy_task cy_einval_task_;
#define CY_EINVAL_TASK_ ((cy_task *)&cy_einval_task_)

/* A runtime frame fails with err (a negative errno) and ends: what its
 * resume function returns. */
static inline cy_task *cy_frame_fail_(cy_task *self, int err)
{
    cy_fail(self, err);
    return self;
}

/* What a done child a runtime frame awaited leaves it to fail with: 0 if
 * the child finished, else its error (-ECANCELED when cancelled), -EIO
 * for a failure without a code. */
static inline int cy_child_error_(const cy_task *c)
{
    int err = cy_task_error(c);
    return c->status == CY_FINISHED ? 0 : err ? err : -EIO;
}

/* The root of the task whose innermost frame is f (walks up the links). */
static inline cy_task *cy_root_of_(cy_task *f)
{
    cy_task *r = f;
    while (r->link != f)
        r = r->link;
    return r;
}

/* loop.c */
int64_t cy_loop_now_(cy_loop *loop);
int64_t cy_loop_ns_(const cy_loop *loop, double units);
int cy_timer_add_(cy_loop *loop, struct cy_timer_ *tm);
void cy_timer_remove_(cy_loop *loop, struct cy_timer_ *tm);
int cy_waiter_add_(cy_loop *loop, cy_waiter_ *w, cy_task *awaited);
void cy_waiter_remove_(cy_loop *loop, cy_waiter_ *w);
void cy_wake_(cy_loop *loop, cy_task *root);
/* the ready tasks in their turn order, into out (room for loop->count);
 * returns their number */
size_t cy_loop_ready_(const cy_loop *loop, cy_task **out);

/* io.c: I/O readiness.  cy_io_poll_ wakes the tasks whose fds are ready,
 * blocking at most timeout_ns nanoseconds (-1: until an fd is ready, 0:
 * not at all); returns how many tasks it woke.  cy_io_close_ closes the
 * epoll fd and frees the fd table (the waiting tasks were cancelled
 * before). */
size_t cy_io_poll_(cy_loop *loop, int64_t timeout_ns);
void cy_io_close_(cy_loop *loop);

/* wait.c: the frame cy_await makes to wait for a task another loop task
 * runs; its desc's cy_on_park registers it once the step that parked it is
 * over. */
cy_task *cy_join_new_(cy_task *awaited);

#endif /* COROC_INTERNAL_H */
