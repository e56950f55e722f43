#include "coroc_gen.h"
#include <errno.h>
/* try/catch receives the error of a throw or of a failed await */
/* frame of coroutine fails: what survives a suspension */
struct fails__frame {
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
static cy_task *fails__resume(cy_task *cy_t);
static const cy_desc fails__desc = {
    .name = "fails",
    .resume = fails__resume,
    .size = sizeof(struct fails__frame),
    .result_offset = offsetof(struct fails__frame, cy_result),
    .result_size = sizeof(((struct fails__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct fails__frame *)0)->cy_result),
    .result_type = "int",
};
/* fails__init(frame, ...) prepares a frame the caller owns */
static inline void fails__init(struct fails__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &fails__desc, 0);
}
/* fails(...) makes a task that has not started yet */
cy_task *fails(void)
{
    struct fails__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    fails__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* fails__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *fails__in(cy_pool *cy_p)
{
    struct fails__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    fails__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of fails as a state machine */
static cy_task *fails__resume(cy_task *cy_t)
{
    struct fails__frame *cy_f = (struct fails__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { { cy_fail(cy_t, cy_errcode(EIO)); return cy_t; } }
}
    return cy_t;
}


/* frame of coroutine guarded: what survives a suspension */
struct guarded__frame {
    union {
        cy_task cy_task;
        struct { /* r and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int r;
                int cy_result; /* written when the locals are dead */
            };
            const char *cy_errmsg; /* the message of a failure */
            cy_i32 cy_caught; /* the error a catch receives */
            union {
                struct { /* parameters and locals */
                    struct fails__frame cy_emb1;
                };
            };
        };
    };
};
static cy_task *guarded__resume(cy_task *cy_t);
static const cy_desc guarded__desc = {
    .name = "guarded",
    .resume = guarded__resume,
    .size = sizeof(struct guarded__frame),
    .result_offset = offsetof(struct guarded__frame, cy_result),
    .result_size = sizeof(((struct guarded__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct guarded__frame *)0)->cy_result),
    .errmsg_offset = offsetof(struct guarded__frame, cy_errmsg),
    .result_type = "int",
};
/* guarded__init(frame, ...) prepares a frame the caller owns */
static inline void guarded__init(struct guarded__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &guarded__desc, 0);
    cy_f->cy_errmsg = NULL;
}
/* guarded(...) makes a task that has not started yet */
cy_task *guarded(void)
{
    struct guarded__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    guarded__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* guarded__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *guarded__in(cy_pool *cy_p)
{
    struct guarded__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    guarded__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of guarded as a state machine */
static cy_task *guarded__resume(cy_task *cy_t)
{
    struct guarded__frame *cy_f = (struct guarded__frame *)cy_t;
    /* it only awaits: started far more often than resumed */
    if (cy_f->cy_task.cy_state_ != 0) switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    cy_f->r = 0; 
    { {
        { fails__init(&cy_f->cy_emb1); { cy_task *cy_r = cy_run_inline(cy_t, &cy_f->cy_emb1.cy_task, fails__resume); if (cy_r) { cy_f->cy_task.cy_state_ = 1;
            return cy_r; } } cy_resume_1:; if (cy_failed(&cy_f->cy_emb1.cy_task)) { cy_f->cy_caught = cy_error_of(&cy_f->cy_emb1.cy_task); goto cy_catch_1; }
            cy_f->r = cy_f->cy_emb1.cy_result; }
    } } if (0) { cy_catch_1:; int err = cy_f->cy_caught; (void)err; {
        cy_f->r = err;
    } }
    { int cy_r = (cy_f->r); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

