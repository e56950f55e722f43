#include "coroc_gen.h"
/* arrays and structs with initialisers, kept in the frame */
struct pt { int x, y; };

/* frame of coroutine arrays: what survives a suspension */
struct arrays__frame {
    union {
        cy_task cy_task;
        struct { /* the result shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int cy_result;
            };
            union {
                struct { /* parameters and locals */
                    int a[3];
                    struct pt p;
                    const char *names[2];
                };
            };
        };
    };
};
static cy_task *arrays__resume(cy_task *cy_t);
static const cy_desc arrays__desc = {
    .name = "arrays",
    .resume = arrays__resume,
    .size = sizeof(struct arrays__frame),
    .result_offset = offsetof(struct arrays__frame, cy_result),
    .result_size = sizeof(((struct arrays__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct arrays__frame *)0)->cy_result),
    .result_type = "int",
};
/* arrays__init(frame, ...) prepares a frame the caller owns */
static inline void arrays__init(struct arrays__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &arrays__desc, 0);
}
/* arrays(...) makes a task that has not started yet */
cy_task *arrays(void)
{
    struct arrays__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    arrays__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* arrays__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *arrays__in(cy_pool *cy_p)
{
    struct arrays__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    arrays__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of arrays as a state machine */
static cy_task *arrays__resume(cy_task *cy_t)
{
    struct arrays__frame *cy_f = (struct arrays__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { int cy_init[3] = { 1, 2, 3 }; cy_memcpy((void *)&cy_f->a, &cy_init, sizeof cy_f->a); } 
    { struct pt cy_init = { .x = 4, .y = 5 }; cy_memcpy((void *)&cy_f->p, &cy_init, sizeof cy_f->p); } 
    { const char *cy_init[] = { "x", "y" }; cy_memcpy((void *)&cy_f->names, &cy_init, sizeof cy_f->names); } 
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    { int cy_r = (cy_f->a[2] + cy_f->p.y + (int)sizeof cy_f->names / (int)sizeof cy_f->names[0]); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

