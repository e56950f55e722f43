#include "coroc_gen.h"
#include <stdio.h>
/* block-scoped defer: each way out of a block writes its defers, last
 * registered first; a cancellation runs those of its resume point, which
 * the frame keeps in cy_at */
/* frame of coroutine check: what survives a suspension */
struct check__frame {
    union {
        cy_task cy_task;
        struct { /* i and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int i;
                int cy_result; /* written when the locals are dead */
            };
        };
    };
};
static cy_task *check__resume(cy_task *cy_t);
static const cy_desc check__desc = {
    .name = "check",
    .resume = check__resume,
    .size = sizeof(struct check__frame),
    .result_offset = offsetof(struct check__frame, cy_result),
    .result_size = sizeof(((struct check__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct check__frame *)0)->cy_result),
    .result_type = "int",
};
/* check__init(frame, ...) prepares a frame the caller owns */
static inline void check__init(struct check__frame *cy_f, int i)
{
    cy_task_init(&cy_f->cy_task, &check__desc, 0);
    cy_memcpy((void *)&cy_f->i, &i, sizeof cy_f->i);
}
/* check(...) makes a task that has not started yet */
cy_task *check(int i)
{
    struct check__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    check__init(cy_f, i);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* check__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *check__in(cy_pool *cy_p, int i)
{
    struct check__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    check__init(cy_f, i);
    return &cy_f->cy_task;
}
/* the body of check as a state machine */
static cy_task *check__resume(cy_task *cy_t)
{
    struct check__frame *cy_f = (struct check__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    if (cy_f->i > 7)
        { { cy_fail(cy_t, cy_errcode(-34)); return cy_t; } }
    { int cy_r = (cy_f->i % 3); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}


/* frame of coroutine scan: what survives a suspension */
struct scan__frame {
    cy_task cy_task;
    int cy_yield; /* the value yielded last */
    const char *cy_errmsg; /* the message of a failure */
    cy_u16 cy_at; /* the last resume point, for a cancellation's defers */
    union {
        struct { /* parameters and locals */
            FILE *f;
            int n;
            int found;
            int i;
            struct check__frame cy_emb1;
        };
        int cy_result; /* written when the locals are dead */
    };
};
static cy_task *scan__resume(cy_task *cy_t);
static const cy_desc scan__desc = {
    .name = "scan",
    .resume = scan__resume,
    .size = sizeof(struct scan__frame),
    .result_offset = offsetof(struct scan__frame, cy_result),
    .result_size = sizeof(((struct scan__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct scan__frame *)0)->cy_result),
    .yield_offset = offsetof(struct scan__frame, cy_yield),
    .yield_size = sizeof(((struct scan__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct scan__frame *)0)->cy_yield),
    .errmsg_offset = offsetof(struct scan__frame, cy_errmsg),
    .result_type = "int",
    .yield_type = "int",
};
/* scan__init(frame, ...) prepares a frame the caller owns */
static inline void scan__init(struct scan__frame *cy_f, FILE *f, int n)
{
    cy_task_init(&cy_f->cy_task, &scan__desc, 0);
    cy_f->cy_errmsg = NULL;
    cy_memcpy((void *)&cy_f->f, &f, sizeof cy_f->f);
    cy_memcpy((void *)&cy_f->n, &n, sizeof cy_f->n);
}
/* scan(...) makes a task that has not started yet */
cy_task *scan(FILE *f, int n)
{
    struct scan__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    scan__init(cy_f, f, n);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* scan__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *scan__in(cy_pool *cy_p, FILE *f, int n)
{
    struct scan__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    scan__init(cy_f, f, n);
    return &cy_f->cy_task;
}
/* the body of scan as a state machine */
static cy_task *scan__resume(cy_task *cy_t)
{
    struct scan__frame *cy_f = (struct scan__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        switch (cy_f->cy_at) {
        case 1: goto cy_unwind_1;
        case 2: goto cy_unwind_2;
        default: break;
        }
        return cy_t;
    }
{
    cy_f->found = 0; 
    /* defer */;
    { cy_f->i = 0; for (; cy_f->i < cy_f->n; cy_f->i++) {
        /* defer */;
        if (cy_f->i == 2)
            { fputs("next\n", cy_f->f); continue; }
        { cy_f->cy_yield = (cy_f->i); cy_f->cy_at = 1; cy_f->cy_task.cy_state_ = 1; return NULL; cy_unwind_1: fputs("next\n", cy_f->f);
            fprintf(cy_f->f, "scanned %d\n", cy_f->found); return cy_t; cy_resume_1:; }
        if (cy_f->i == 5)
            { fputs("next\n", cy_f->f); break; }
        { check__init(&cy_f->cy_emb1, cy_f->i); { cy_task *cy_r = cy_run_inline(cy_t, &cy_f->cy_emb1.cy_task, check__resume); if (cy_r) { cy_f->cy_at = 2;
            cy_f->cy_task.cy_state_ = 2; return cy_r; cy_unwind_2: fputs("next\n", cy_f->f); fprintf(cy_f->f, "scanned %d\n", cy_f->found); return cy_t; } }
            cy_resume_2:; if (cy_failed(&cy_f->cy_emb1.cy_task)) { cy_fail_as(cy_t, &cy_f->cy_emb1.cy_task, &cy_f->cy_errmsg); fputs("next\n", cy_f->f);
            fprintf(cy_f->f, "scanned %d\n", cy_f->found); return cy_t; } cy_f->found += cy_f->cy_emb1.cy_result; }
    fputs("next\n", cy_f->f); } }
    { int cy_r = (cy_f->found); fprintf(cy_f->f, "scanned %d\n", cy_f->found); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

