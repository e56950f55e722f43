#include "coroc_gen.h"
/* do ... while with a suspending condition */
/* frame of coroutine until: what survives a suspension */
struct until__frame {
    union {
        cy_task cy_task;
        struct { /* n and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int n;
                int cy_result; /* written when the locals are dead */
            };
            int cy_yield; /* the value yielded last */
            int cy_recv; /* the value sent in */
            union {
                struct { /* parameters and locals */
                    int cy_t1;
                };
            };
        };
    };
};
static cy_task *until__resume(cy_task *cy_t);
static const cy_desc until__desc = {
    .name = "until",
    .resume = until__resume,
    .size = sizeof(struct until__frame),
    .result_offset = offsetof(struct until__frame, cy_result),
    .result_size = sizeof(((struct until__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct until__frame *)0)->cy_result),
    .yield_offset = offsetof(struct until__frame, cy_yield),
    .yield_size = sizeof(((struct until__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct until__frame *)0)->cy_yield),
    .recv_offset = offsetof(struct until__frame, cy_recv),
    .recv_size = sizeof(((struct until__frame *)0)->cy_recv),
    .recv_kind = CY_KIND_OF_EXPR(((struct until__frame *)0)->cy_recv),
    .result_type = "int",
    .yield_type = "int",
};
/* until__init(frame, ...) prepares a frame the caller owns */
static inline void until__init(struct until__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &until__desc, 0);
}
/* until(...) makes a task that has not started yet */
cy_task *until(void)
{
    struct until__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    until__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* until__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *until__in(cy_pool *cy_p)
{
    struct until__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    until__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of until as a state machine */
static cy_task *until__resume(cy_task *cy_t)
{
    struct until__frame *cy_f = (struct until__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    cy_f->n = 0; 
    for (;;) { {
        cy_f->n++;
    }
        cy_f->cy_yield = (cy_f->n); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; cy_f->cy_t1 = cy_f->cy_recv; if (!((cy_f->cy_t1) != 0)) break; }
    { int cy_r = (cy_f->n); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

