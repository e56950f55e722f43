#include "coroc_gen.h"
#include <stdio.h>
/* defer runs on every way out: return, failure, cancellation */
/* frame of coroutine with_cleanup: what survives a suspension */
struct with_cleanup__frame {
    cy_task cy_task;
    union {
        struct { /* parameters and locals */
            FILE *f;
            int n;
        };
        int cy_result; /* written when the locals are dead */
    };
};
static cy_task *with_cleanup__resume(cy_task *cy_t);
static const cy_desc with_cleanup__desc = {
    .name = "with_cleanup",
    .resume = with_cleanup__resume,
    .size = sizeof(struct with_cleanup__frame),
    .result_offset = offsetof(struct with_cleanup__frame, cy_result),
    .result_size = sizeof(((struct with_cleanup__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct with_cleanup__frame *)0)->cy_result),
    .result_type = "int",
};
/* with_cleanup__init(frame, ...) prepares a frame the caller owns */
static inline void with_cleanup__init(struct with_cleanup__frame *cy_f, FILE *f)
{
    cy_task_init(&cy_f->cy_task, &with_cleanup__desc, 0);
    cy_memcpy((void *)&cy_f->f, &f, sizeof cy_f->f);
}
/* with_cleanup(...) makes a task that has not started yet */
cy_task *with_cleanup(FILE *f)
{
    struct with_cleanup__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    with_cleanup__init(cy_f, f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* with_cleanup__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *with_cleanup__in(cy_pool *cy_p, FILE *f)
{
    struct with_cleanup__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    with_cleanup__init(cy_f, f);
    return &cy_f->cy_task;
}
/* the body of with_cleanup as a state machine */
static cy_task *with_cleanup__resume(cy_task *cy_t)
{
    struct with_cleanup__frame *cy_f = (struct with_cleanup__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: goto cy_unwind_1;
    }
{
    cy_f->n = 3; 
    /* defer */;
    /* defer */;
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_unwind_1: fputs("second\n", cy_f->f); fprintf(cy_f->f, "cleanup %d\n", cy_f->n); return cy_t; cy_resume_1:; }
    { int cy_r = (cy_f->n); fputs("second\n", cy_f->f); fprintf(cy_f->f, "cleanup %d\n", cy_f->n); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

