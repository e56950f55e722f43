#include "coroc_gen.h"
/* ?: with a suspension in a branch becomes an if */
/* frame of coroutine pick: what survives a suspension */
struct pick__frame {
    union {
        cy_task cy_task;
        struct { /* c and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int c;
                int cy_result; /* written when the locals are dead */
            };
            int cy_yield; /* the value yielded last */
            int cy_recv; /* the value sent in */
            union {
                struct { /* parameters and locals */
                    int cy_t1;
                    int cy_t2;
                    int cy_t3;
                };
            };
        };
    };
};
static cy_task *pick__resume(cy_task *cy_t);
static const cy_desc pick__desc = {
    .name = "pick",
    .resume = pick__resume,
    .size = sizeof(struct pick__frame),
    .result_offset = offsetof(struct pick__frame, cy_result),
    .result_size = sizeof(((struct pick__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct pick__frame *)0)->cy_result),
    .yield_offset = offsetof(struct pick__frame, cy_yield),
    .yield_size = sizeof(((struct pick__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct pick__frame *)0)->cy_yield),
    .recv_offset = offsetof(struct pick__frame, cy_recv),
    .recv_size = sizeof(((struct pick__frame *)0)->cy_recv),
    .recv_kind = CY_KIND_OF_EXPR(((struct pick__frame *)0)->cy_recv),
    .result_type = "int",
    .yield_type = "int",
};
/* pick__init(frame, ...) prepares a frame the caller owns */
static inline void pick__init(struct pick__frame *cy_f, int c)
{
    cy_task_init(&cy_f->cy_task, &pick__desc, 0);
    cy_memcpy((void *)&cy_f->c, &c, sizeof cy_f->c);
}
/* pick(...) makes a task that has not started yet */
cy_task *pick(int c)
{
    struct pick__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    pick__init(cy_f, c);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* pick__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *pick__in(cy_pool *cy_p, int c)
{
    struct pick__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    pick__init(cy_f, c);
    return &cy_f->cy_task;
}
/* the body of pick as a state machine */
static cy_task *pick__resume(cy_task *cy_t)
{
    struct pick__frame *cy_f = (struct pick__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        return cy_t;
    }
{
    { cy_f->cy_t1 = !!(cy_f->c); if (cy_f->cy_t1) { cy_f->cy_yield = (1); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; cy_f->cy_t2 = cy_f->cy_recv;
        } else { cy_f->cy_yield = (2); cy_f->cy_task.cy_state_ = 2; return NULL; cy_resume_2:; cy_f->cy_t3 = cy_f->cy_recv; }
        int cy_r = ((cy_f->cy_t1 ? (cy_f->cy_t2) : (cy_f->cy_t3))); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

