#include "coroc_gen.h"
/* && and || keep their order: the right side suspends only when needed */
/* frame of coroutine gate: what survives a suspension */
struct gate__frame {
    union {
        cy_task cy_task;
        struct { /* a and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int a;
                int cy_result; /* written when the locals are dead */
            };
            int cy_yield; /* the value yielded last */
            int cy_recv; /* the value sent in */
            union {
                struct { /* parameters and locals */
                    int ok;
                    union {
                        struct { /* temporaries */
                            int cy_t1;
                            int cy_t2;
                        };
                        struct { /* temporaries */
                            int cy_t3;
                            int cy_t4;
                        };
                    };
                };
            };
        };
    };
};
static cy_task *gate__resume(cy_task *cy_t);
static const cy_desc gate__desc = {
    .name = "gate",
    .resume = gate__resume,
    .size = sizeof(struct gate__frame),
    .result_offset = offsetof(struct gate__frame, cy_result),
    .result_size = sizeof(((struct gate__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct gate__frame *)0)->cy_result),
    .yield_offset = offsetof(struct gate__frame, cy_yield),
    .yield_size = sizeof(((struct gate__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct gate__frame *)0)->cy_yield),
    .recv_offset = offsetof(struct gate__frame, cy_recv),
    .recv_size = sizeof(((struct gate__frame *)0)->cy_recv),
    .recv_kind = CY_KIND_OF_EXPR(((struct gate__frame *)0)->cy_recv),
    .result_type = "int",
    .yield_type = "int",
};
/* gate__init(frame, ...) prepares a frame the caller owns */
static inline void gate__init(struct gate__frame *cy_f, int a)
{
    cy_task_init(&cy_f->cy_task, &gate__desc, 0);
    cy_memcpy((void *)&cy_f->a, &a, sizeof cy_f->a);
}
/* gate(...) makes a task that has not started yet */
cy_task *gate(int a)
{
    struct gate__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    gate__init(cy_f, a);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* gate__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *gate__in(cy_pool *cy_p, int a)
{
    struct gate__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    gate__init(cy_f, a);
    return &cy_f->cy_task;
}
/* the body of gate as a state machine */
static cy_task *gate__resume(cy_task *cy_t)
{
    struct gate__frame *cy_f = (struct gate__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        return cy_t;
    }
{
    cy_f->cy_t1 = !!(cy_f->a); if (cy_f->cy_t1) { cy_f->cy_yield = (1); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; cy_f->cy_t2 = cy_f->cy_recv;
        cy_f->cy_t1 = !!(cy_f->cy_t2); } cy_f->ok = cy_f->cy_t1; 
    cy_f->cy_t3 = !!(cy_f->ok); if (!cy_f->cy_t3) { cy_f->cy_yield = (2); cy_f->cy_task.cy_state_ = 2; return NULL; cy_resume_2:; cy_f->cy_t4 = cy_f->cy_recv;
        cy_f->cy_t3 = !!(cy_f->cy_t4); } int either = cy_f->cy_t3;
    { int cy_r = (either); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

