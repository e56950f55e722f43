#include "coroc_gen.h"
/* a loop whose condition suspends becomes for (;;) with the test inside */
/* frame of coroutine more: what survives a suspension */
struct more__frame {
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
static cy_task *more__resume(cy_task *cy_t);
static const cy_desc more__desc = {
    .name = "more",
    .resume = more__resume,
    .size = sizeof(struct more__frame),
    .result_offset = offsetof(struct more__frame, cy_result),
    .result_size = sizeof(((struct more__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct more__frame *)0)->cy_result),
    .result_type = "int",
};
/* more__init(frame, ...) prepares a frame the caller owns */
static inline void more__init(struct more__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &more__desc, 0);
}
/* more(...) makes a task that has not started yet */
cy_task *more(void)
{
    struct more__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    more__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* more__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *more__in(cy_pool *cy_p)
{
    struct more__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    more__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of more as a state machine */
static cy_task *more__resume(cy_task *cy_t)
{
    struct more__frame *cy_f = (struct more__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    { int cy_r = (0); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}


/* frame of coroutine drain: what survives a suspension */
struct drain__frame {
    union {
        cy_task cy_task;
        struct { /* n and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int n;
                int cy_result; /* written when the locals are dead */
            };
            const char *cy_errmsg; /* the message of a failure */
            union {
                struct { /* parameters and locals */
                    struct more__frame cy_emb1;
                };
            };
        };
    };
};
static cy_task *drain__resume(cy_task *cy_t);
static const cy_desc drain__desc = {
    .name = "drain",
    .resume = drain__resume,
    .size = sizeof(struct drain__frame),
    .result_offset = offsetof(struct drain__frame, cy_result),
    .result_size = sizeof(((struct drain__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct drain__frame *)0)->cy_result),
    .errmsg_offset = offsetof(struct drain__frame, cy_errmsg),
    .result_type = "int",
};
/* drain__init(frame, ...) prepares a frame the caller owns */
static inline void drain__init(struct drain__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &drain__desc, 0);
    cy_f->cy_errmsg = NULL;
}
/* drain(...) makes a task that has not started yet */
cy_task *drain(void)
{
    struct drain__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    drain__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* drain__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *drain__in(cy_pool *cy_p)
{
    struct drain__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    drain__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of drain as a state machine */
static cy_task *drain__resume(cy_task *cy_t)
{
    struct drain__frame *cy_f = (struct drain__frame *)cy_t;
    /* it only awaits: started far more often than resumed */
    if (cy_f->cy_task.cy_state_ != 0) switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    cy_f->n = 0; 
    for (;;) { more__init(&cy_f->cy_emb1); { cy_task *cy_r = cy_run_inline(cy_t, &cy_f->cy_emb1.cy_task, more__resume); if (cy_r) {
        cy_f->cy_task.cy_state_ = 1; return cy_r; } } cy_resume_1:; if (cy_failed(&cy_f->cy_emb1.cy_task)) {
        cy_fail_as(cy_t, &cy_f->cy_emb1.cy_task, &cy_f->cy_errmsg); return cy_t; } if (!(cy_f->cy_emb1.cy_result)) break; cy_f->n++; }
    { int cy_r = (cy_f->n); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

