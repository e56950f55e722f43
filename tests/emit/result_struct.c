#include "coroc_gen.h"
/* a struct result, shared with the locals' storage */
struct pair { int a, b; };

/* frame of coroutine make: what survives a suspension */
struct make__frame {
    union {
        cy_task cy_task;
        struct { /* x shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int x;
            };
            union {
                struct { /* parameters and locals */
                    int y;
                };
                struct pair cy_result; /* written when the locals are dead */
            };
        };
    };
};
static cy_task *make__resume(cy_task *cy_t);
static const cy_desc make__desc = {
    .name = "make",
    .resume = make__resume,
    .size = sizeof(struct make__frame),
    .result_offset = offsetof(struct make__frame, cy_result),
    .result_size = sizeof(((struct make__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct make__frame *)0)->cy_result),
    .result_type = "struct pair",
};
/* make__init(frame, ...) prepares a frame the caller owns */
static inline void make__init(struct make__frame *cy_f, int x)
{
    cy_task_init(&cy_f->cy_task, &make__desc, 0);
    cy_memcpy((void *)&cy_f->x, &x, sizeof cy_f->x);
}
/* make(...) makes a task that has not started yet */
cy_task *make(int x)
{
    struct make__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    make__init(cy_f, x);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* make__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *make__in(cy_pool *cy_p, int x)
{
    struct make__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    make__init(cy_f, x);
    return &cy_f->cy_task;
}
/* the body of make as a state machine */
static cy_task *make__resume(cy_task *cy_t)
{
    struct make__frame *cy_f = (struct make__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    cy_f->y = cy_f->x + 1; 
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    { struct pair cy_r = ((struct pair){ cy_f->x, cy_f->y }); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

