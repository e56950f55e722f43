/*
 * frames.h - the one place where the unit tests' hand-written coroutines
 * meet the generated-code contract (coroc_gen.h).  Each macro writes what
 * coroc writes for the same construct (docs/generated-code.md): when the
 * contract or the emitted shape changes, this file changes, and the test
 * frames follow.
 *
 * A coroutine NAME has a frame `struct NAME__frame` whose first member is
 * `cy_task cy_task`, and, as coroc names them, cy_result, cy_yield,
 * cy_recv, cy_errmsg and cy_defer when it has them.  Then:
 *
 *   FRAME_DESC(NAME, FRAME_RESULT(NAME), FRAME_YIELD(NAME));
 *   static cy_task *NAME(int arg)
 *   {
 *       FRAME_NEW(NAME);            // cy_f, or return NULL
 *       cy_f->arg = arg;
 *       return FRAME_TASK;
 *   }
 *   FRAME_RESUME(NAME)
 *   {
 *       FRAME_SWITCH(NAME)          // cy_f; dispatch on the state
 *       FRAME_AT(1)                 // one per suspension point
 *       FRAME_CANCEL_RETURNS        // or FRAME_CANCEL_CLEANS: goto cy_cleanup
 *       ...
 *       FRAME_YIELD_VALUE(1, v);    // yield v;
 *       FRAME_RETURN(int, 42);      // return 42;
 *   }
 *
 * Bodies otherwise write C on cy_f->member, as coroc's output does.
 */
#ifndef TEST_FRAMES_H
#define TEST_FRAMES_H

#include "coroc_gen.h"

/* ---- the descriptor --------------------------------------------------------- */

/* static const cy_desc NAME__desc, with the entries given (at least one:
 * FRAME_NO_VALUE for a void coroutine that yields and receives nothing). */
#define FRAME_DESC(NAME, ...)                                               \
    static cy_task *NAME##__resume(cy_task *cy_t);                          \
    static const cy_desc NAME##__desc = {                                   \
        .name = #NAME,                                                      \
        .resume = NAME##__resume,                                           \
        .size = sizeof(struct NAME##__frame),                               \
        __VA_ARGS__                                                         \
    }

/* what coroc writes for a value the frame keeps in MEMBER */
#define FRAME_VALUE_(NAME, WHAT, MEMBER)                                    \
    .WHAT##_offset = offsetof(struct NAME##__frame, MEMBER),                \
    .WHAT##_size = sizeof(((struct NAME##__frame *)0)->MEMBER),             \
    .WHAT##_kind = CY_KIND_OF_EXPR(((struct NAME##__frame *)0)->MEMBER)
#define FRAME_RESULT(NAME) FRAME_VALUE_(NAME, result, cy_result)
#define FRAME_YIELD(NAME) FRAME_VALUE_(NAME, yield, cy_yield)
#define FRAME_RECV(NAME) FRAME_VALUE_(NAME, recv, cy_recv)
#define FRAME_ERRMSG(NAME)                                                  \
    .errmsg_offset = offsetof(struct NAME##__frame, cy_errmsg)
#define FRAME_NO_VALUE .result_size = 0

/* ---- the constructor -------------------------------------------------------- */

/* In a constructor: cy_f, a new heap frame of NAME with its header
 * prepared (the constructor returns NULL when out of memory). */
#define FRAME_NEW(NAME)                                                     \
    struct NAME##__frame *cy_f = cy_alloc(sizeof *cy_f);                    \
    if (!cy_f)                                                              \
        return NULL;                                                        \
    cy_task_init(&cy_f->cy_task, &NAME##__desc, CY_F_HEAP)
#define FRAME_TASK (&cy_f->cy_task)

/* ---- the resume function ---------------------------------------------------- */

#define FRAME_RESUME(NAME) static cy_task *NAME##__resume(cy_task *cy_t)

/* Opens the dispatch on the resume point; FRAME_AT for each suspension
 * point, then one of the FRAME_CANCEL_* closes it. */
#define FRAME_SWITCH(NAME)                                                  \
    struct NAME##__frame *cy_f = (struct NAME##__frame *)cy_t;              \
    switch (cy_f->cy_task.state) {                                          \
    case 0: break;
#define FRAME_AT(N) case N: goto cy_resume_##N;
/* cancelled: no cleanup to run */
#define FRAME_CANCEL_RETURNS case CY_STATE_CANCEL: return cy_t; }
/* cancelled: run the cleanup at the label cy_cleanup (defer) */
#define FRAME_CANCEL_CLEANS case CY_STATE_CANCEL: goto cy_cleanup; }

/* yield; (suspension point N) */
#define FRAME_SUSPEND(N)                                                    \
    cy_f->cy_task.state = N;                                                \
    return NULL;                                                            \
    cy_resume_##N:
/* yield V; */
#define FRAME_YIELD_VALUE(N, V)                                             \
    cy_f->cy_yield = (V);                                                   \
    FRAME_SUSPEND(N)
/* await of a frame of this file (CHILD, a cy_task * kept in the frame):
 * the driver runs it, then resumes here */
#define FRAME_AWAIT_CHILD(N, CHILD)                                         \
    cy_f->cy_task.state = N;                                                \
    return (CHILD);                                                         \
    cy_resume_##N:
/* await of a task handle (H, kept in the frame): through cy_await */
#define FRAME_AWAIT_HANDLE(N, H)                                            \
    cy_f->cy_task.state = N;                                                \
    return cy_await(cy_t, (H));                                             \
    cy_resume_##N:

/* return V; (a result of type T) */
#define FRAME_RETURN(T, V)                                                  \
    do {                                                                    \
        T cy_r = (V);                                                       \
        cy_f->cy_result = cy_r;                                             \
        return cy_t;                                                        \
    } while (0)
/* throw CODE; (FRAME_THROW_MSG: throw CODE, MSG;) then EXIT, `return cy_t`
 * or `goto cy_cleanup` */
#define FRAME_FAIL_(CODE, EXIT)                                             \
    do {                                                                    \
        cy_t->err = cy_errcode(CODE);                                       \
        cy_t->status = CY_ERROR;                                            \
        EXIT;                                                               \
    } while (0)
#define FRAME_THROW(CODE) FRAME_FAIL_(CODE, return cy_t)
#define FRAME_THROW_MSG(CODE, MSG, EXIT)                                    \
    do {                                                                    \
        cy_t->err = cy_errcode(CODE);                                       \
        cy_f->cy_errmsg = (MSG);                                            \
        cy_t->status = CY_ERROR;                                            \
        EXIT;                                                               \
    } while (0)

#endif
