#include "coroc_gen.h"
/* a goto back keeps its block's locals alive across suspensions */
/* frame of coroutine again: what survives a suspension */
struct again__frame {
    union {
        cy_task cy_task;
        struct { /* i shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int i;
            };
            int cy_yield; /* the value yielded last */
        };
    };
};
static cy_task *again__resume(cy_task *cy_t);
static const cy_desc again__desc = {
    .name = "again",
    .resume = again__resume,
    .size = sizeof(struct again__frame),
    .yield_offset = offsetof(struct again__frame, cy_yield),
    .yield_size = sizeof(((struct again__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct again__frame *)0)->cy_yield),
    .yield_type = "int",
};
/* again__init(frame, ...) prepares a frame the caller owns */
static inline void again__init(struct again__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &again__desc, 0);
}
/* again(...) makes a task that has not started yet */
cy_task *again(void)
{
    struct again__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    again__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* again__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *again__in(cy_pool *cy_p)
{
    struct again__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    again__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of again as a state machine */
static cy_task *again__resume(cy_task *cy_t)
{
    struct again__frame *cy_f = (struct again__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    cy_f->i = 0; 
again:
    { cy_f->cy_yield = (cy_f->i); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    if (++cy_f->i < 3)
        goto again;
}
    return cy_t;
}

