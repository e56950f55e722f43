#include "coroc_gen.h"
/* suspensions in an expression run first, left to right, into temporaries */
/* frame of coroutine one: what survives a suspension */
struct one__frame {
    union {
        cy_task cy_task;
        struct { /* the result shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int cy_result;
            };
        };
    };
};
static cy_task *one__resume(cy_task *cy_t);
static const cy_desc one__desc = {
    .name = "one",
    .resume = one__resume,
    .size = sizeof(struct one__frame),
    .result_offset = offsetof(struct one__frame, cy_result),
    .result_size = sizeof(((struct one__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct one__frame *)0)->cy_result),
    .result_type = "int",
};
/* one__init(frame, ...) prepares a frame the caller owns */
static inline void one__init(struct one__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &one__desc, 0);
}
/* one(...) makes a task that has not started yet */
cy_task *one(void)
{
    struct one__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    one__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* one__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *one__in(cy_pool *cy_p)
{
    struct one__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    one__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of one as a state machine */
static cy_task *one__resume(cy_task *cy_t)
{
    struct one__frame *cy_f = (struct one__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { int cy_r = (1); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}


/* frame of coroutine sum: what survives a suspension */
struct sum__frame {
    union {
        cy_task cy_task;
        struct { /* the result shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int cy_result;
            };
            const char *cy_errmsg; /* the message of a failure */
            union {
                struct { /* parameters and locals */
                    int *p;
                    struct one__frame cy_emb1;
                    struct one__frame cy_emb2;
                };
            };
        };
    };
};
static cy_task *sum__resume(cy_task *cy_t);
static const cy_desc sum__desc = {
    .name = "sum",
    .resume = sum__resume,
    .size = sizeof(struct sum__frame),
    .result_offset = offsetof(struct sum__frame, cy_result),
    .result_size = sizeof(((struct sum__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct sum__frame *)0)->cy_result),
    .errmsg_offset = offsetof(struct sum__frame, cy_errmsg),
    .result_type = "int",
};
/* sum__init(frame, ...) prepares a frame the caller owns */
static inline void sum__init(struct sum__frame *cy_f, int *p)
{
    cy_task_init(&cy_f->cy_task, &sum__desc, 0);
    cy_f->cy_errmsg = NULL;
    cy_memcpy((void *)&cy_f->p, &p, sizeof cy_f->p);
}
/* sum(...) makes a task that has not started yet */
cy_task *sum(int *p)
{
    struct sum__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    sum__init(cy_f, p);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* sum__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *sum__in(cy_pool *cy_p, int *p)
{
    struct sum__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    sum__init(cy_f, p);
    return &cy_f->cy_task;
}
/* the body of sum as a state machine */
static cy_task *sum__resume(cy_task *cy_t)
{
    struct sum__frame *cy_f = (struct sum__frame *)cy_t;
    /* it only awaits: started far more often than resumed */
    if (cy_f->cy_task.cy_state_ != 0) switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { one__init(&cy_f->cy_emb1); { cy_task *cy_r = cy_run_inline(cy_t, &cy_f->cy_emb1.cy_task, one__resume); if (cy_r) { cy_f->cy_task.cy_state_ = 1;
        return cy_r; } } cy_resume_1:; if (cy_failed(&cy_f->cy_emb1.cy_task)) { cy_fail_as(cy_t, &cy_f->cy_emb1.cy_task, &cy_f->cy_errmsg); return cy_t; }
        one__init(&cy_f->cy_emb2); { cy_task *cy_r = cy_run_inline(cy_t, &cy_f->cy_emb2.cy_task, one__resume); if (cy_r) { cy_f->cy_task.cy_state_ = 2;
        return cy_r; } } cy_resume_2:; if (cy_failed(&cy_f->cy_emb2.cy_task)) { cy_fail_as(cy_t, &cy_f->cy_emb2.cy_task, &cy_f->cy_errmsg); return cy_t; }
        *cy_f->p = cy_f->cy_emb1.cy_result + 2 * cy_f->cy_emb2.cy_result; }
    { int cy_r = (*cy_f->p); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

