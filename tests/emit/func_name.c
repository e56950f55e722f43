#include "coroc_gen.h"
#include <stdio.h>
/* __func__ names the coroutine, not its resume function */
/* frame of coroutine named: what survives a suspension */
struct named__frame {
    cy_task cy_task;
};
static cy_task *named__resume(cy_task *cy_t);
static const cy_desc named__desc = {
    .name = "named",
    .resume = named__resume,
    .size = sizeof(struct named__frame),
};
/* named__init(frame, ...) prepares a frame the caller owns */
static inline void named__init(struct named__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &named__desc, 0);
}
/* named(...) makes a task that has not started yet */
cy_task *named(void)
{
    struct named__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    named__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* named__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *named__in(cy_pool *cy_p)
{
    struct named__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    named__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of named as a state machine */
static cy_task *named__resume(cy_task *cy_t)
{
    struct named__frame *cy_f = (struct named__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    puts("named");
}
    return cy_t;
}

