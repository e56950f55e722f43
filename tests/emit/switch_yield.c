#include "coroc_gen.h"
/* yield inside a switch, across cases, with fallthrough */
/* frame of coroutine machine: what survives a suspension */
struct machine__frame {
    union {
        cy_task cy_task;
        struct { /* state shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int state;
            };
            int cy_yield; /* the value yielded last */
        };
    };
};
static cy_task *machine__resume(cy_task *cy_t);
static const cy_desc machine__desc = {
    .name = "machine",
    .resume = machine__resume,
    .size = sizeof(struct machine__frame),
    .yield_offset = offsetof(struct machine__frame, cy_yield),
    .yield_size = sizeof(((struct machine__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct machine__frame *)0)->cy_yield),
    .yield_type = "int",
};
/* machine__init(frame, ...) prepares a frame the caller owns */
static inline void machine__init(struct machine__frame *cy_f, int state)
{
    cy_task_init(&cy_f->cy_task, &machine__desc, 0);
    cy_memcpy((void *)&cy_f->state, &state, sizeof cy_f->state);
}
/* machine(...) makes a task that has not started yet */
cy_task *machine(int state)
{
    struct machine__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    machine__init(cy_f, state);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* machine__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *machine__in(cy_pool *cy_p, int state)
{
    struct machine__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    machine__init(cy_f, state);
    return &cy_f->cy_task;
}
/* the body of machine as a state machine */
static cy_task *machine__resume(cy_task *cy_t)
{
    struct machine__frame *cy_f = (struct machine__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    case 3: goto cy_resume_3;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        return cy_t;
    }
{
    switch (cy_f->state) {
    case 0:
        { cy_f->cy_yield = (10); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
        /* fallthrough */
    case 1:
        { cy_f->cy_yield = (11); cy_f->cy_task.cy_state_ = 2; return NULL; cy_resume_2:; }
        break;
    default:
        { cy_f->cy_yield = (99); cy_f->cy_task.cy_state_ = 3; return NULL; cy_resume_3:; }
    }
}
    return cy_t;
}

