#include "coroc_gen.h"
/* a static local stays static: it is shared by every task */
/* frame of coroutine counter: what survives a suspension */
struct counter__frame {
    union {
        cy_task cy_task;
        struct { /* the result shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int cy_result;
            };
        };
    };
};
static cy_task *counter__resume(cy_task *cy_t);
static const cy_desc counter__desc = {
    .name = "counter",
    .resume = counter__resume,
    .size = sizeof(struct counter__frame),
    .result_offset = offsetof(struct counter__frame, cy_result),
    .result_size = sizeof(((struct counter__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct counter__frame *)0)->cy_result),
    .result_type = "int",
};
/* counter__init(frame, ...) prepares a frame the caller owns */
static inline void counter__init(struct counter__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &counter__desc, 0);
}
/* counter(...) makes a task that has not started yet */
cy_task *counter(void)
{
    struct counter__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    counter__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* counter__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *counter__in(cy_pool *cy_p)
{
    struct counter__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    counter__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of counter as a state machine */
static cy_task *counter__resume(cy_task *cy_t)
{
    struct counter__frame *cy_f = (struct counter__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    static int calls;
    calls++;
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    { int cy_r = (calls); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

