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

#include <errno.h>
#include <stdlib.h>

void *cy_alloc(size_t n)
{
    return calloc(1, n ? n : 1);
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
        if (r == f) {
            if (f == t) {
                /* the root finished (or failed: its resume set CY_ERROR) */
                if (t->status != CY_ERROR)
                    t->status = CY_FINISHED;
                return 0;
            }
            /* a child finished, or failed (its resume set CY_ERROR): back
             * to its parent, in the same step.  The parent owns the child
             * from now on: it reads the result or the error, frees it, and
             * fails in turn if the child failed. */
            cy_task *parent = f->link;
            if (f->status != CY_ERROR)
                f->status = CY_FINISHED;
            f->link = f; /* a done child stands alone again */
            t->link = parent;
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

int cy_task_cancel(cy_task *t)
{
    if (!t || t->status >= CY_FINISHED)
        return -EINVAL;
    t->status = CY_CANCELLED;
    t->err = -ECANCELED;
    return 0;
}

void cy_task_free(cy_task *t)
{
    if (!t)
        return;
    if (t->status < CY_FINISHED)
        cy_task_cancel(t);
    /* the frames t awaits, innermost first: each link leads outwards,
     * the last one back to t */
    cy_task *f = t->link;
    while (f != t) {
        cy_task *next = f->link;
        if (f->flags & CY_F_HEAP)
            free(f);
        f = next;
    }
    if (t->flags & CY_F_HEAP)
        free(t);
}
