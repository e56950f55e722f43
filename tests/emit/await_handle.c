#include "coroc_gen.h"
/* await of a task handle: through cy_await, the handle stays the caller's */
/* frame of coroutine wait_for_it: what survives a suspension */
struct wait_for_it__frame {
    cy_task cy_task;
    const char *cy_errmsg; /* the message of a failure */
    union {
        struct { /* parameters and locals */
            cy_task *h;
            cy_task *cy_aw1;
        };
    };
};
static cy_task *wait_for_it__resume(cy_task *cy_t);
static const cy_desc wait_for_it__desc = {
    .name = "wait_for_it",
    .resume = wait_for_it__resume,
    .size = sizeof(struct wait_for_it__frame),
    .errmsg_offset = offsetof(struct wait_for_it__frame, cy_errmsg),
};
/* wait_for_it__init(frame, ...) prepares a frame the caller owns */
static inline void wait_for_it__init(struct wait_for_it__frame *cy_f, cy_task *h)
{
    cy_task_init(&cy_f->cy_task, &wait_for_it__desc, 0);
    cy_f->cy_errmsg = NULL;
    cy_memcpy((void *)&cy_f->h, &h, sizeof cy_f->h);
}
/* wait_for_it(...) makes a task that has not started yet */
cy_task *wait_for_it(cy_task *h)
{
    struct wait_for_it__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    wait_for_it__init(cy_f, h);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* wait_for_it__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *wait_for_it__in(cy_pool *cy_p, cy_task *h)
{
    struct wait_for_it__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    wait_for_it__init(cy_f, h);
    return &cy_f->cy_task;
}
/* the body of wait_for_it as a state machine */
static cy_task *wait_for_it__resume(cy_task *cy_t)
{
    struct wait_for_it__frame *cy_f = (struct wait_for_it__frame *)cy_t;
    /* it only awaits: started far more often than resumed */
    if (cy_f->cy_task.cy_state_ != 0) switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->cy_aw1 = cy_f->h; if (!cy_f->cy_aw1) { cy_fail(cy_t, -CY_ENOMEM); return cy_t; } cy_f->cy_task.cy_state_ = 1; return cy_await(cy_t, cy_f->cy_aw1);
        cy_resume_1:; if (cy_failed(cy_f->cy_aw1)) { cy_fail_as(cy_t, cy_f->cy_aw1, &cy_f->cy_errmsg); cy_await_unhold(cy_f->cy_aw1); return cy_t; }
        cy_await_unhold(cy_f->cy_aw1); }
}
    return cy_t;
}

