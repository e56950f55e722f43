#include "coroc_gen.h"
/* a void coroutine: return; ends it */
/* frame of coroutine stop_early: what survives a suspension */
struct stop_early__frame {
    union {
        cy_task cy_task;
        struct { /* n shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int n;
            };
        };
    };
};
static cy_task *stop_early__resume(cy_task *cy_t);
static const cy_desc stop_early__desc = {
    .name = "stop_early",
    .resume = stop_early__resume,
    .size = sizeof(struct stop_early__frame),
};
/* stop_early__init(frame, ...) prepares a frame the caller owns */
static inline void stop_early__init(struct stop_early__frame *cy_f, int n)
{
    cy_task_init(&cy_f->cy_task, &stop_early__desc, 0);
    cy_memcpy((void *)&cy_f->n, &n, sizeof cy_f->n);
}
/* stop_early(...) makes a task that has not started yet */
cy_task *stop_early(int n)
{
    struct stop_early__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    stop_early__init(cy_f, n);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* stop_early__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *stop_early__in(cy_pool *cy_p, int n)
{
    struct stop_early__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    stop_early__init(cy_f, n);
    return &cy_f->cy_task;
}
/* the body of stop_early as a state machine */
static cy_task *stop_early__resume(cy_task *cy_t)
{
    struct stop_early__frame *cy_f = (struct stop_early__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    if (cy_f->n == 0)
        { return cy_t; }
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
}
    return cy_t;
}

