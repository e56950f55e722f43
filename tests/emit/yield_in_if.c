#include "coroc_gen.h"
/* a suspension in an if condition is lowered before the if */
/* frame of coroutine ask: what survives a suspension */
struct ask__frame {
    union {
        cy_task cy_task;
        struct { /* the result shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int cy_result;
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
static cy_task *ask__resume(cy_task *cy_t);
static const cy_desc ask__desc = {
    .name = "ask",
    .resume = ask__resume,
    .size = sizeof(struct ask__frame),
    .result_offset = offsetof(struct ask__frame, cy_result),
    .result_size = sizeof(((struct ask__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct ask__frame *)0)->cy_result),
    .yield_offset = offsetof(struct ask__frame, cy_yield),
    .yield_size = sizeof(((struct ask__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct ask__frame *)0)->cy_yield),
    .recv_offset = offsetof(struct ask__frame, cy_recv),
    .recv_size = sizeof(((struct ask__frame *)0)->cy_recv),
    .recv_kind = CY_KIND_OF_EXPR(((struct ask__frame *)0)->cy_recv),
    .result_type = "int",
    .yield_type = "int",
};
/* ask__init(frame, ...) prepares a frame the caller owns */
static inline void ask__init(struct ask__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &ask__desc, 0);
}
/* ask(...) makes a task that has not started yet */
cy_task *ask(void)
{
    struct ask__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    ask__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* ask__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *ask__in(cy_pool *cy_p)
{
    struct ask__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    ask__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of ask as a state machine */
static cy_task *ask__resume(cy_task *cy_t)
{
    struct ask__frame *cy_f = (struct ask__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->cy_yield = (1); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; cy_f->cy_t1 = cy_f->cy_recv; if ((cy_f->cy_t1) > 0) { int cy_r = (1);
        cy_f->cy_result = cy_r; return cy_t; } else { int cy_r = (0); cy_f->cy_result = cy_r; return cy_t; } }
}
    return cy_t;
}

