#include "coroc_gen.h"
/* an await as an argument of an await: inner first */
/* frame of coroutine twice: what survives a suspension */
struct twice__frame {
    union {
        cy_task cy_task;
        struct { /* v and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int v;
                int cy_result; /* written when the locals are dead */
            };
        };
    };
};
static cy_task *twice__resume(cy_task *cy_t);
static const cy_desc twice__desc = {
    .name = "twice",
    .resume = twice__resume,
    .size = sizeof(struct twice__frame),
    .result_offset = offsetof(struct twice__frame, cy_result),
    .result_size = sizeof(((struct twice__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct twice__frame *)0)->cy_result),
    .result_type = "int",
};
/* twice__init(frame, ...) prepares a frame the caller owns */
static inline void twice__init(struct twice__frame *cy_f, int v)
{
    cy_task_init(&cy_f->cy_task, &twice__desc, 0);
    cy_memcpy((void *)&cy_f->v, &v, sizeof cy_f->v);
}
/* twice(...) makes a task that has not started yet */
cy_task *twice(int v)
{
    struct twice__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    twice__init(cy_f, v);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* twice__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *twice__in(cy_pool *cy_p, int v)
{
    struct twice__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    twice__init(cy_f, v);
    return &cy_f->cy_task;
}
/* the body of twice as a state machine */
static cy_task *twice__resume(cy_task *cy_t)
{
    struct twice__frame *cy_f = (struct twice__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { int cy_r = (2 * cy_f->v); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}


/* frame of coroutine quad: what survives a suspension */
struct quad__frame {
    union {
        cy_task cy_task;
        struct { /* v and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int v;
                int cy_result; /* written when the locals are dead */
            };
            const char *cy_errmsg; /* the message of a failure */
            union {
                struct { /* parameters and locals */
                    struct twice__frame cy_emb1;
                    struct twice__frame cy_emb2;
                };
            };
        };
    };
};
static cy_task *quad__resume(cy_task *cy_t);
static const cy_desc quad__desc = {
    .name = "quad",
    .resume = quad__resume,
    .size = sizeof(struct quad__frame),
    .result_offset = offsetof(struct quad__frame, cy_result),
    .result_size = sizeof(((struct quad__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct quad__frame *)0)->cy_result),
    .errmsg_offset = offsetof(struct quad__frame, cy_errmsg),
    .result_type = "int",
};
/* quad__init(frame, ...) prepares a frame the caller owns */
static inline void quad__init(struct quad__frame *cy_f, int v)
{
    cy_task_init(&cy_f->cy_task, &quad__desc, 0);
    cy_f->cy_errmsg = NULL;
    cy_memcpy((void *)&cy_f->v, &v, sizeof cy_f->v);
}
/* quad(...) makes a task that has not started yet */
cy_task *quad(int v)
{
    struct quad__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    quad__init(cy_f, v);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* quad__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *quad__in(cy_pool *cy_p, int v)
{
    struct quad__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    quad__init(cy_f, v);
    return &cy_f->cy_task;
}
/* the body of quad as a state machine */
static cy_task *quad__resume(cy_task *cy_t)
{
    struct quad__frame *cy_f = (struct quad__frame *)cy_t;
    /* it only awaits: started far more often than resumed */
    if (cy_f->cy_task.cy_state_ != 0) switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { twice__init(&cy_f->cy_emb2, cy_f->v); { cy_task *cy_r = cy_run_inline(cy_t, &cy_f->cy_emb2.cy_task, twice__resume); if (cy_r) {
        cy_f->cy_task.cy_state_ = 1; return cy_r; } } cy_resume_1:; if (cy_failed(&cy_f->cy_emb2.cy_task)) {
        cy_fail_as(cy_t, &cy_f->cy_emb2.cy_task, &cy_f->cy_errmsg); return cy_t; } twice__init(&cy_f->cy_emb1, cy_f->cy_emb2.cy_result); {
        cy_task *cy_r = cy_run_inline(cy_t, &cy_f->cy_emb1.cy_task, twice__resume); if (cy_r) { cy_f->cy_task.cy_state_ = 2; return cy_r; } }
        cy_resume_2:; if (cy_failed(&cy_f->cy_emb1.cy_task)) { cy_fail_as(cy_t, &cy_f->cy_emb1.cy_task, &cy_f->cy_errmsg); return cy_t; }
        int cy_r = (cy_f->cy_emb1.cy_result); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

