#include "coroc_gen.h"
/* one declaration, several objects, some in the frame */
/* frame of coroutine decls: what survives a suspension */
struct decls__frame {
    union {
        cy_task cy_task;
        struct { /* p and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int p;
                int cy_result; /* written when the locals are dead */
            };
            union {
                struct { /* parameters and locals */
                    int x;
                    int y;
                    int z;
                };
            };
        };
    };
};
static cy_task *decls__resume(cy_task *cy_t);
static const cy_desc decls__desc = {
    .name = "decls",
    .resume = decls__resume,
    .size = sizeof(struct decls__frame),
    .result_offset = offsetof(struct decls__frame, cy_result),
    .result_size = sizeof(((struct decls__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct decls__frame *)0)->cy_result),
    .result_type = "int",
};
/* decls__init(frame, ...) prepares a frame the caller owns */
static inline void decls__init(struct decls__frame *cy_f, int p)
{
    cy_task_init(&cy_f->cy_task, &decls__desc, 0);
    cy_memcpy((void *)&cy_f->p, &p, sizeof cy_f->p);
}
/* decls(...) makes a task that has not started yet */
cy_task *decls(int p)
{
    struct decls__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    decls__init(cy_f, p);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* decls__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *decls__in(cy_pool *cy_p, int p)
{
    struct decls__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    decls__init(cy_f, p);
    return &cy_f->cy_task;
}
/* the body of decls as a state machine */
static cy_task *decls__resume(cy_task *cy_t)
{
    struct decls__frame *cy_f = (struct decls__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    cy_f->x = cy_f->p; cy_f->y = 2; cy_f->z = cy_f->x + cy_f->y; 
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    { int cy_r = (cy_f->x + cy_f->z); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

