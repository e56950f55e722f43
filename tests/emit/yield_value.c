#include "coroc_gen.h"
/* coroutine(Y): each yield v hands out a value of type Y */
/* frame of coroutine count: what survives a suspension */
struct count__frame {
    union {
        cy_task cy_task;
        struct { /* n shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int n;
            };
            int cy_yield; /* the value yielded last */
            union {
                struct { /* parameters and locals */
                    int i;
                };
            };
        };
    };
};
static cy_task *count__resume(cy_task *cy_t);
static const cy_desc count__desc = {
    .name = "count",
    .resume = count__resume,
    .size = sizeof(struct count__frame),
    .yield_offset = offsetof(struct count__frame, cy_yield),
    .yield_size = sizeof(((struct count__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct count__frame *)0)->cy_yield),
    .yield_type = "int",
};
/* count__init(frame, ...) prepares a frame the caller owns */
static inline void count__init(struct count__frame *cy_f, int n)
{
    cy_task_init(&cy_f->cy_task, &count__desc, 0);
    cy_memcpy((void *)&cy_f->n, &n, sizeof cy_f->n);
}
/* count(...) makes a task that has not started yet */
cy_task *count(int n)
{
    struct count__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    count__init(cy_f, n);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* count__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *count__in(cy_pool *cy_p, int n)
{
    struct count__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    count__init(cy_f, n);
    return &cy_f->cy_task;
}
/* the body of count as a state machine */
static cy_task *count__resume(cy_task *cy_t)
{
    struct count__frame *cy_f = (struct count__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->i = 0; for (; cy_f->i < cy_f->n; cy_f->i++) { cy_f->cy_yield = (cy_f->i * cy_f->i); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; } }
}
    return cy_t;
}

