#include "coroc_gen.h"
/* a callee defined later: its frame is allocated by its constructor */
cy_task *later(int a);


/* frame of coroutine caller: what survives a suspension */
struct caller__frame {
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
                    cy_task *cy_aw1;
                    int cy_t2;
                };
            };
        };
    };
};
static cy_task *caller__resume(cy_task *cy_t);
static const cy_desc caller__desc = {
    .name = "caller",
    .resume = caller__resume,
    .size = sizeof(struct caller__frame),
    .result_offset = offsetof(struct caller__frame, cy_result),
    .result_size = sizeof(((struct caller__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct caller__frame *)0)->cy_result),
    .errmsg_offset = offsetof(struct caller__frame, cy_errmsg),
    .result_type = "int",
};
/* caller__init(frame, ...) prepares a frame the caller owns */
static inline void caller__init(struct caller__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &caller__desc, 0);
    cy_f->cy_errmsg = NULL;
}
/* caller(...) makes a task that has not started yet */
cy_task *caller(void)
{
    struct caller__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    caller__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* caller__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *caller__in(cy_pool *cy_p)
{
    struct caller__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    caller__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of caller as a state machine */
static cy_task *caller__resume(cy_task *cy_t)
{
    struct caller__frame *cy_f = (struct caller__frame *)cy_t;
    /* it only awaits: started far more often than resumed */
    if (cy_f->cy_task.cy_state_ != 0) switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->cy_aw1 = later(5); if (!cy_f->cy_aw1) { cy_fail(cy_t, -CY_ENOMEM); return cy_t; } cy_f->cy_task.cy_state_ = 1; return cy_f->cy_aw1;
        cy_resume_1:; if (cy_failed(cy_f->cy_aw1)) { cy_fail_as(cy_t, cy_f->cy_aw1, &cy_f->cy_errmsg); cy_task_free(cy_f->cy_aw1); return cy_t; }
        cy_memcpy(&cy_f->cy_t2, cy_result_of(cy_f->cy_aw1), sizeof cy_f->cy_t2); cy_task_free(cy_f->cy_aw1); int cy_r = (cy_f->cy_t2 + 1);
        cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}


/* frame of coroutine later: what survives a suspension */
struct later__frame {
    union {
        cy_task cy_task;
        struct { /* a and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int a;
                int cy_result; /* written when the locals are dead */
            };
        };
    };
};
static cy_task *later__resume(cy_task *cy_t);
static const cy_desc later__desc = {
    .name = "later",
    .resume = later__resume,
    .size = sizeof(struct later__frame),
    .result_offset = offsetof(struct later__frame, cy_result),
    .result_size = sizeof(((struct later__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct later__frame *)0)->cy_result),
    .result_type = "int",
};
/* later__init(frame, ...) prepares a frame the caller owns */
static inline void later__init(struct later__frame *cy_f, int a)
{
    cy_task_init(&cy_f->cy_task, &later__desc, 0);
    cy_memcpy((void *)&cy_f->a, &a, sizeof cy_f->a);
}
/* later(...) makes a task that has not started yet */
cy_task *later(int a)
{
    struct later__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    later__init(cy_f, a);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* later__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *later__in(cy_pool *cy_p, int a)
{
    struct later__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    later__init(cy_f, a);
    return &cy_f->cy_task;
}
/* the body of later as a state machine */
static cy_task *later__resume(cy_task *cy_t)
{
    struct later__frame *cy_f = (struct later__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    { int cy_r = (cy_f->a); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

