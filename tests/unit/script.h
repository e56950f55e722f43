/*
 * script.h - for the unit tests: a hand-written coroutine (in the shape
 * coroc emits) that awaits the runtime's waits one after the other.  A
 * test gives it a step function: step(sc, i) returns the i-th task to
 * await, SCRIPT_YIELD to suspend once (a bare yield), or NULL to finish.
 * After each await, sc->status and sc->err hold the outcome of the task
 * awaited (the script frees it, as coroc's `await` does); a step may
 * throw by setting sc->fail (the script then fails with that error).
 */
#ifndef TEST_SCRIPT_H
#define TEST_SCRIPT_H

#include <stdlib.h>

#include "coroc.h"

struct script;
typedef cy_task *(*script_fn)(struct script *sc, int i);

struct script {
    cy_task task;
    script_fn step;
    void *ctx;        /* the test's */
    cy_loop *loop;
    int i;            /* the step to run next */
    int status, err;  /* of the task awaited last */
    int fail;         /* set by a step: the script fails with it */
    int cleaned;      /* the cleanup ran (end or cancellation) */
    cy_task *child;
};

static char script_yield_;
#define SCRIPT_YIELD ((cy_task *)&script_yield_)

static cy_task *script_resume(cy_task *self);
static const cy_desc script_desc = {
    .name = "script", .resume = script_resume,
    .size = sizeof(struct script),
};

static cy_task *script_resume(cy_task *self)
{
    struct script *sc = (struct script *)self;
    if (self->state == CY_STATE_CANCEL) {
        sc->cleaned = 1; /* the child was freed by the cancellation */
        sc->child = NULL;
        return self;
    }
    if (self->state == 1 && sc->child) {
        sc->status = sc->child->status;
        sc->err = sc->child->err;
        cy_task_free(sc->child);
        sc->child = NULL;
        sc->i++;
    }
    self->state = 1;
    for (;;) {
        cy_task *c = sc->step(sc, sc->i);
        if (sc->fail) {
            cy_task_free(c == SCRIPT_YIELD ? NULL : c);
            self->status = CY_ERROR;
            self->err = sc->fail;
            sc->cleaned = 1;
            return self;
        }
        if (!c) {
            sc->cleaned = 1;
            return self;
        }
        if (c == SCRIPT_YIELD) {
            sc->i++;
            return NULL;
        }
        if (cy_task_done(c)) { /* a wait that succeeded at once */
            sc->status = c->status;
            sc->err = c->err;
            cy_task_free(c);
            sc->i++;
            continue;
        }
        sc->child = c;
        return c;
    }
}

static inline cy_task *script_new(cy_loop *loop, script_fn step, void *ctx)
{
    struct script *sc = cy_alloc(sizeof *sc);
    assert_non_null(sc);
    cy_task_init(&sc->task, &script_desc, CY_F_HEAP);
    sc->step = step;
    sc->ctx = ctx;
    sc->loop = loop;
    return &sc->task;
}

#define SCRIPT(t) ((struct script *)(t))

#endif
