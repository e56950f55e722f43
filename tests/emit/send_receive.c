#include "coroc_gen.h"
/* coroutine(Y, R): x = yield v; receives what is sent */
/* frame of coroutine averager: what survives a suspension */
struct averager__frame {
    union {
        cy_task cy_task;
        struct { /* n shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int n;
            };
            double cy_yield; /* the value yielded last */
            double cy_recv; /* the value sent in */
            union {
                struct { /* parameters and locals */
                    double total;
                    double average;
                    double cy_t1;
                };
                double cy_result; /* written when the locals are dead */
            };
        };
    };
};
static cy_task *averager__resume(cy_task *cy_t);
static const cy_desc averager__desc = {
    .name = "averager",
    .resume = averager__resume,
    .size = sizeof(struct averager__frame),
    .result_offset = offsetof(struct averager__frame, cy_result),
    .result_size = sizeof(((struct averager__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct averager__frame *)0)->cy_result),
    .yield_offset = offsetof(struct averager__frame, cy_yield),
    .yield_size = sizeof(((struct averager__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct averager__frame *)0)->cy_yield),
    .recv_offset = offsetof(struct averager__frame, cy_recv),
    .recv_size = sizeof(((struct averager__frame *)0)->cy_recv),
    .recv_kind = CY_KIND_OF_EXPR(((struct averager__frame *)0)->cy_recv),
    .result_type = "double",
    .yield_type = "double",
};
/* averager__init(frame, ...) prepares a frame the caller owns */
static inline void averager__init(struct averager__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &averager__desc, 0);
}
/* averager(...) makes a task that has not started yet */
cy_task *averager(void)
{
    struct averager__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    averager__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* averager__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *averager__in(cy_pool *cy_p)
{
    struct averager__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    averager__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of averager as a state machine */
static cy_task *averager__resume(cy_task *cy_t)
{
    struct averager__frame *cy_f = (struct averager__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    cy_f->total = 0; cy_f->average = 0; 
    cy_f->n = 0; 
    for (;;) {
        cy_f->cy_yield = (cy_f->average); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; cy_f->cy_t1 = cy_f->cy_recv; double x = cy_f->cy_t1;
        if (x < 0)
            break;
        cy_f->total += x;
        cy_f->n++;
        cy_f->average = cy_f->total / cy_f->n;
    }
    { double cy_r = (cy_f->average); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

