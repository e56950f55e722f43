/*
 * task.c - stepping, sending to, inspecting, cancelling and freeing tasks.
 *
 * A task is a root frame.  Its link points at the innermost frame of its
 * await chain (itself when it awaits nothing); each awaited frame's link
 * points at the frame awaiting it, so the chain is
 *     root->link = innermost -> ... -> parent -> root.
 * cy_task_step resumes the innermost frame and follows the resume
 * function's answer (suspend, finish, await) without recursion, in O(1)
 * per resume.
 */
#include "coroc.h"
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

/* coroc_gen.h names these without <errno.h>: they must agree */
_Static_assert(CY_EINVAL == EINVAL, "CY_EINVAL");
_Static_assert(CY_ENOMEM == ENOMEM, "CY_ENOMEM");
_Static_assert(CY_ECANCELED == ECANCELED, "CY_ECANCELED");
_Static_assert(CY_ETIMEDOUT == ETIMEDOUT, "CY_ETIMEDOUT");

/* What cy_await returns for a task that is done already: not a frame, a
 * mark cy_task_step_more_ knows, meaning "resume the awaiting frame now"
 * (so awaiting a done task does not suspend, as in asyncio).  Never
 * written nor read. */
static const cy_task cy_resume_now_;
#define CY_RESUME_NOW ((cy_task *)&cy_resume_now_)

/* ---- inline awaits (see coroc.h) ---- */

const cy_task cy_parked_, cy_resume_top_;

/* The task a frame run inline belongs to.  Its links lead up through its
 * parents to the root, whose link leads back down to the frame the driver
 * last resumed, an ancestor: a cycle, entered at that frame (Floyd's tortoise
 * and hare finds the entry); the root is the cycle's frame that links to
 * it. */
static cy_task *root_above(cy_task *f)
{
    cy_task *slow = f->link, *fast = f->link->link;
    while (slow != fast) {
        slow = slow->link;
        fast = fast->link->link;
    }
    slow = f;
    while (slow != fast) {
        slow = slow->link;
        fast = fast->link;
    }
    cy_task *r = slow;
    while (r->link != slow)
        r = r->link;
    return r;
}

cy_task *cy_inline_suspended(cy_task *child)
{
    root_above(child)->link = child;
    return CY_PARKED;
}

cy_task *cy_inline_awaits(cy_task *child, cy_task *g)
{
    cy_task *root = root_above(child);
    if (g->status != CY_NEW) {
        /* as the driver: awaiting a started frame is a mistake */
        root->link = child;
        root->status = CY_ERROR;
        root->err = -EINVAL;
        return CY_PARKED;
    }
    g->link = child;
    g->status = CY_RUNNING;
    root->link = g;
    return CY_RESUME_TOP;
}

void *cy_alloc(size_t n)
{
    /* malloc + memset rather than calloc: glibc's calloc never takes
     * from the thread cache (tcache), malloc does, and a frame is small */
    if (!n)
        n = 1;
    void *p = malloc(n);
#if defined(__GNUC__) || defined(__clang__)
    /* hide p's origin, or the compiler folds this back into calloc */
    __asm__("" : "+r"(p));
#endif
    if (p)
        memset(p, 0, n);
    return p;
}

/* (the function behind coroc_gen.h's macro, for other compilers) */
void *(cy_frame_alloc)(size_t n)
{
    return malloc(n ? n : 1);
}

/* The external definitions of the inline functions of coroc.h. */
extern inline int cy_task_step(cy_task *t);
extern inline const void *cy_task_yielded(const cy_task *t);
extern inline const void *cy_task_result(const cy_task *t);
extern inline int cy_task_status(const cy_task *t);
extern inline int cy_task_done(const cy_task *t);
extern inline int cy_task_error(const cy_task *t);

/* The slow half of cy_task_step: frame f of root t returned r, which is
 * either f itself (a child finished) or another frame (f awaits it).  Loops
 * until the task suspends or is done, O(1) per resume, no recursion. */
int cy_task_step_more_(cy_task *t, cy_task *f, cy_task *r)
{
    for (;;) {
        if (r == CY_RESUME_NOW) {
            /* f awaited a task that is done: it goes on at once */
        } else if (r == CY_PARKED) {
            /* a child run inline suspended: t->link is its frame now */
            return 1;
        } else if (r == CY_RESUME_TOP) {
            /* a child run inline awaits a frame: go on with it */
            f = t->link;
        } else if (r == f) {
            if (f == t) {
                /* the root finished (or failed: its resume set CY_ERROR,
                 * or CY_CANCELLED) */
                if (t->status == CY_RUNNING)
                    t->status = CY_FINISHED;
                return 0;
            }
            /* a child finished, or failed (its resume set CY_ERROR): back
             * to its parent, in the same step.  The parent owns the child
             * from now on: it reads the result or the error, frees it, and
             * fails in turn if the child failed. */
            cy_task *parent = f->link;
            if (f->status == CY_RUNNING)
                f->status = CY_FINISHED;
            f->link = f; /* a done child stands alone again */
            t->link = parent;
            if (CY_UNLIKELY(f->flags & CY_F_AUTO_))
                free(f); /* the runtime's own join frame */
            f = parent;
        } else {
            /* f awaits r, which must be a coroutine not started yet */
            if (r->status != CY_NEW) {
                t->status = CY_ERROR;
                t->err = -EINVAL;
                return 0;
            }
            r->link = f;
            r->status = CY_RUNNING;
            t->link = r;
            f = r;
        }
        r = f->desc->resume(f);
        if (r == NULL)
            return 1; /* suspended */
    }
}

int cy_task_send(cy_task *t, const void *value, size_t size)
{
    if (!t || t->status >= CY_FINISHED)
        return -EINVAL;
    if (value) {
        cy_task *f = t->link;
        const cy_desc *d = f->desc;
        if (d->recv_size == 0 || size != d->recv_size)
            return -EINVAL;
        /* a NEW task has no yield expression waiting for the value: it is
         * started and the value dropped (Python only allows send(None)) */
        if (t->status != CY_NEW)
            memcpy((char *)f + d->recv_offset, value, size);
    }
    return cy_task_step(t);
}

const char *cy_status_name(int status)
{
    static const char *const names[] = {
        "NEW", "RUNNING", "FINISHED", "ERROR", "CANCELLED"
    };
    if (status < 0 || status >= (int)(sizeof names / sizeof names[0]))
        return "UNKNOWN";
    return names[status];
}

const char *cy_task_name(const cy_task *t)
{
    return t->desc->name;
}

/* Resume each started frame of t once in the state CY_STATE_CANCEL,
 * innermost first, freeing the heap frames t awaits as it goes (the next
 * link is read before a frame is resumed: an owner's cleanup may release
 * the region its children live in). */
static void cancel_frames(cy_task *t)
{
    cy_task *f = t->link;
    for (;;) {
        cy_task *next = f->link;
        if (f->status < CY_FINISHED)
            f->status = CY_CANCELLED; /* its error is -ECANCELED: cy_error_of */
        if (f->state != 0) {
            f->state = CY_STATE_CANCEL;
            f->desc->resume(f);
        }
        if (f == t)
            break;
        if (f->flags & CY_F_HEAP)
            free(f);
        f = next;
    }
    t->link = t;
}

int cy_task_cancel(cy_task *t)
{
    if (!t || t->status >= CY_FINISHED)
        return -EINVAL;
    /* done first: a cleanup that cancels a task awaiting this one (two
     * tasks awaiting each other) finds it cancelled already */
    t->status = CY_CANCELLED;
    cancel_frames(t);
    return 0;
}

void (cy_task_free)(cy_task *t)
{
    if (!t)
        return;
    if (t->flags & CY_F_ONLOOP_) {
        /* a loop still holds it (in its ring, or parked): cancelled, it
         * is woken into the ring, and the loop frees it when it retires
         * it */
        if (t->status < CY_FINISHED)
            cy_task_cancel(t);
        t->flags |= CY_F_LOOP;
        return;
    }
    if (t->status < CY_FINISHED) {
        cy_task_cancel(t);
    } else {
        /* a done task stands alone; free what may still hang off it */
        cy_task *f = t->link;
        while (f != t) {
            cy_task *next = f->link;
            if (f->flags & CY_F_HEAP)
                free(f);
            f = next;
        }
    }
    if (t->flags & CY_F_HEAP)
        free(t);
}

/* What every wait factory returns for a bad argument: a task already
 * failed with -EINVAL.  Never written: every runtime call treats a done
 * task as read-only (awaiting it does not suspend, freeing it frees
 * nothing: it has no CY_F_HEAP). */
static const cy_desc einval_desc = { .name = "invalid" };
const cy_task cy_einval_task_ = {
    .desc = &einval_desc, .link = (cy_task *)&cy_einval_task_,
    .status = CY_ERROR, .err = -EINVAL,
};

const char *cy_task_message(const cy_task *t)
{
    if (!t || t->status < CY_ERROR || t->desc->errmsg_offset == 0)
        return NULL;
    const char *m;
    memcpy(&m, (const char *)t + t->desc->errmsg_offset, sizeof m);
    return m;
}

cy_task *cy_await(cy_task *self, cy_task *t)
{
    if (t->status >= CY_FINISHED)
        return CY_RESUME_NOW;
    if (!(t->flags & CY_F_ONLOOP_) && t->status == CY_NEW) {
        t->flags |= CY_F_ADOPTED; /* run inline, as a child */
        return t;
    }
    /* t runs elsewhere: a join frame waits for it (parked when both run
     * on a loop, else polling) */
    cy_task *j = cy_join_new_(t);
    if (!j) {
        /* out of memory: the awaiting frame fails with -ENOMEM, after its
         * cleanup (its defer statements) */
        self->status = CY_ERROR;
        self->err = -ENOMEM;
        if (self->desc->errmsg_offset) {
            const char *none = NULL;
            memcpy((char *)self + self->desc->errmsg_offset, &none,
                   sizeof none);
        }
        self->state = CY_STATE_CANCEL;
        self->desc->resume(self);
        return self;
    }
    if (t->flags & CY_F_LOOP) {
        /* the loop would free t once done, before the awaiting frame reads
         * it: the awaiting frame takes it over and frees it afterwards */
        t->flags = (uint8_t)((t->flags & ~CY_F_LOOP) | CY_F_LAUNCHED_ |
                             CY_F_ADOPTED);
    }
    return j;
}

void cy_await_release(cy_task *t)
{
    if (t && (t->flags & CY_F_ADOPTED)) {
        t->flags &= (uint8_t)~CY_F_ADOPTED;
        cy_task_free(t);
    }
}
