#include "coroc_gen.h"
#include <errno.h>
/* throw ends the coroutine with an error code and a message */
/* frame of coroutine check: what survives a suspension */
struct check__frame {
    union {
        cy_task cy_task;
        struct { /* v and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int v;
                int cy_result; /* written when the locals are dead */
            };
            const char *cy_errmsg; /* the message of a failure */
        };
    };
};
static cy_task *check__resume(cy_task *cy_t);
static const cy_desc check__desc = {
    .name = "check",
    .resume = check__resume,
    .size = sizeof(struct check__frame),
    .result_offset = offsetof(struct check__frame, cy_result),
    .result_size = sizeof(((struct check__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct check__frame *)0)->cy_result),
    .errmsg_offset = offsetof(struct check__frame, cy_errmsg),
    .result_type = "int",
};
/* check__init(frame, ...) prepares a frame the caller owns */
static inline void check__init(struct check__frame *cy_f, int v)
{
    cy_task_init(&cy_f->cy_task, &check__desc, 0);
    cy_f->cy_errmsg = NULL;
    cy_memcpy((void *)&cy_f->v, &v, sizeof cy_f->v);
}
/* check(...) makes a task that has not started yet */
cy_task *check(int v)
{
    struct check__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    check__init(cy_f, v);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* check__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *check__in(cy_pool *cy_p, int v)
{
    struct check__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    check__init(cy_f, v);
    return &cy_f->cy_task;
}
/* the body of check as a state machine */
static cy_task *check__resume(cy_task *cy_t)
{
    struct check__frame *cy_f = (struct check__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    if (cy_f->v < 0)
        { { cy_fail(cy_t, cy_errcode(EINVAL)); cy_f->cy_errmsg = "negative"; return cy_t; } }
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    { int cy_r = (cy_f->v); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

