#include "coroc_gen.h"
/* a coroutine awaiting itself takes its children's frames from a region */
/* frame of coroutine fib: what survives a suspension */
struct fib__frame {
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
            cy_region *cy_reg; /* where the frames of recursive awaits come from */
            union {
                struct { /* parameters and locals */
                    cy_task *cy_aw1;
                    int cy_t2;
                    cy_task *cy_aw3;
                    int cy_t4;
                };
            };
        };
    };
};
static cy_task *fib__resume(cy_task *cy_t);
static const cy_desc fib__desc = {
    .name = "fib",
    .resume = fib__resume,
    .size = sizeof(struct fib__frame),
    .result_offset = offsetof(struct fib__frame, cy_result),
    .result_size = sizeof(((struct fib__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct fib__frame *)0)->cy_result),
    .errmsg_offset = offsetof(struct fib__frame, cy_errmsg),
    .result_type = "int",
};
/* fib__init(frame, ...) prepares a frame the caller owns */
static inline void fib__init(struct fib__frame *cy_f, int n)
{
    cy_task_init(&cy_f->cy_task, &fib__desc, 0);
    cy_f->cy_reg = NULL;
    cy_f->cy_errmsg = NULL;
    cy_memcpy((void *)&cy_f->n, &n, sizeof cy_f->n);
}
/* fib(...) makes a task that has not started yet */
cy_task *fib(int n)
{
    struct fib__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    fib__init(cy_f, n);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* fib__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *fib__in(cy_pool *cy_p, int n)
{
    struct fib__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    fib__init(cy_f, n);
    return &cy_f->cy_task;
}
/* the body of fib as a state machine */
static cy_task *fib__resume(cy_task *cy_t)
{
    struct fib__frame *cy_f = (struct fib__frame *)cy_t;
    /* it only awaits: started far more often than resumed */
    if (cy_f->cy_task.cy_state_ != 0) switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    case CY_STATE_CANCEL: goto cy_cleanup;
    }
{
    if (cy_f->n < 2)
        { int cy_r = (cy_f->n); cy_f->cy_result = cy_r; goto cy_cleanup; }
    { cy_f->cy_aw1 = cy_region_frame(&cy_f->cy_reg, cy_t, sizeof(struct fib__frame)); if (!cy_f->cy_aw1) { cy_fail(cy_t, -CY_ENOMEM); goto cy_cleanup; }
        fib__init(((struct fib__frame *)(void *)cy_f->cy_aw1), cy_f->n - 1); ((struct fib__frame *)(void *)cy_f->cy_aw1)->cy_reg = cy_f->cy_reg; {
        cy_task *cy_r = cy_run_inline_in(cy_f->cy_reg, cy_t, cy_f->cy_aw1, fib__resume); if (cy_r) { cy_f->cy_task.cy_state_ = 1; return cy_r; } }
        cy_resume_1:; if (cy_failed(cy_f->cy_aw1)) { cy_fail_as(cy_t, cy_f->cy_aw1, &cy_f->cy_errmsg); cy_region_pop(cy_f->cy_reg, cy_f->cy_aw1);
        goto cy_cleanup; } cy_memcpy(&cy_f->cy_t2, &((struct fib__frame *)(void *)cy_f->cy_aw1)->cy_result, sizeof cy_f->cy_t2);
        cy_region_pop(cy_f->cy_reg, cy_f->cy_aw1); cy_f->cy_aw3 = cy_region_frame(&cy_f->cy_reg, cy_t, sizeof(struct fib__frame)); if (!cy_f->cy_aw3) {
        cy_fail(cy_t, -CY_ENOMEM); goto cy_cleanup; } fib__init(((struct fib__frame *)(void *)cy_f->cy_aw3), cy_f->n - 2);
        ((struct fib__frame *)(void *)cy_f->cy_aw3)->cy_reg = cy_f->cy_reg; {
        cy_task *cy_r = cy_run_inline_in(cy_f->cy_reg, cy_t, cy_f->cy_aw3, fib__resume); if (cy_r) { cy_f->cy_task.cy_state_ = 2; return cy_r; } }
        cy_resume_2:; if (cy_failed(cy_f->cy_aw3)) { cy_fail_as(cy_t, cy_f->cy_aw3, &cy_f->cy_errmsg); cy_region_pop(cy_f->cy_reg, cy_f->cy_aw3);
        goto cy_cleanup; } cy_memcpy(&cy_f->cy_t4, &((struct fib__frame *)(void *)cy_f->cy_aw3)->cy_result, sizeof cy_f->cy_t4);
        cy_region_pop(cy_f->cy_reg, cy_f->cy_aw3); int cy_r = (cy_f->cy_t2 + cy_f->cy_t4); cy_f->cy_result = cy_r; goto cy_cleanup; }
}
cy_cleanup:;
    cy_region_release(cy_f->cy_reg, cy_t);

    return cy_t;
}

