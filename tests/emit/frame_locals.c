#include "coroc_gen.h"
/* only what lives across a suspension goes into the frame; sibling scopes
 * share storage in a union */
/* frame of coroutine locals: what survives a suspension */
struct locals__frame {
    union {
        cy_task cy_task;
        struct { /* a and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int a;
                int cy_result; /* written when the locals are dead */
            };
            union {
                struct { /* parameters and locals */
                    int before;
                    int dead;
                    union {
                        struct { /* block at line 8 */
                            int x;
                        };
                        struct { /* block at line 13 */
                            long y;
                        };
                    };
                };
            };
        };
    };
};
static cy_task *locals__resume(cy_task *cy_t);
static const cy_desc locals__desc = {
    .name = "locals",
    .resume = locals__resume,
    .size = sizeof(struct locals__frame),
    .result_offset = offsetof(struct locals__frame, cy_result),
    .result_size = sizeof(((struct locals__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct locals__frame *)0)->cy_result),
    .result_type = "int",
};
/* locals__init(frame, ...) prepares a frame the caller owns */
static inline void locals__init(struct locals__frame *cy_f, int a)
{
    cy_task_init(&cy_f->cy_task, &locals__desc, 0);
    cy_memcpy((void *)&cy_f->a, &a, sizeof cy_f->a);
}
/* locals(...) makes a task that has not started yet */
cy_task *locals(int a)
{
    struct locals__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    locals__init(cy_f, a);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* locals__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *locals__in(cy_pool *cy_p, int a)
{
    struct locals__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    locals__init(cy_f, a);
    return &cy_f->cy_task;
}
/* the body of locals as a state machine */
static cy_task *locals__resume(cy_task *cy_t)
{
    struct locals__frame *cy_f = (struct locals__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        return cy_t;
    }
{
    cy_f->before = cy_f->a * 2;      /* read after the yield: in the frame */
    cy_f->dead = cy_f->a + 1;        /* not: a C local of the resume function */
    (void)cy_f->dead;
    {
        cy_f->x = cy_f->before; 
        { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
        cy_f->before += cy_f->x;
    }
    {
        cy_f->y = cy_f->before; 
        { cy_f->cy_task.cy_state_ = 2; return NULL; cy_resume_2:; }
        cy_f->before += (int)cy_f->y;
    }
    { int cy_r = (cy_f->before); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

