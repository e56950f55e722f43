#include "coroc_gen.h"
#include <stdio.h>
/* the header's error word (issue 12): which local takes it, and which
 * stay out of it */
static void keep(int *p) { (void)p; }

/* n's address is taken, m is a call's argument (maybe a macro's), s is
 * named in a statement expression, a is an array, d a double: k takes it */
/* frame of coroutine kept: what survives a suspension */
struct kept__frame {
    union {
        cy_task cy_task;
        struct { /* k and the result share the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int k;
                int cy_result; /* written when the locals are dead */
            };
            union {
                struct { /* parameters and locals */
                    int n;
                    int m;
                    long w;
                    int s;
                    int a[2];
                    double d;
                };
            };
        };
    };
};
static cy_task *kept__resume(cy_task *cy_t);
static const cy_desc kept__desc = {
    .name = "kept",
    .resume = kept__resume,
    .size = sizeof(struct kept__frame),
    .result_offset = offsetof(struct kept__frame, cy_result),
    .result_size = sizeof(((struct kept__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct kept__frame *)0)->cy_result),
    .result_type = "int",
};
/* kept__init(frame, ...) prepares a frame the caller owns */
static inline void kept__init(struct kept__frame *cy_f, int n, int m, long w)
{
    cy_task_init(&cy_f->cy_task, &kept__desc, 0);
    cy_memcpy((void *)&cy_f->n, &n, sizeof cy_f->n);
    cy_memcpy((void *)&cy_f->m, &m, sizeof cy_f->m);
    cy_memcpy((void *)&cy_f->w, &w, sizeof cy_f->w);
}
/* kept(...) makes a task that has not started yet */
cy_task *kept(int n, int m, long w)
{
    struct kept__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    kept__init(cy_f, n, m, w);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* kept__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *kept__in(cy_pool *cy_p, int n, int m, long w)
{
    struct kept__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    kept__init(cy_f, n, m, w);
    return &cy_f->cy_task;
}
/* the body of kept as a state machine */
static cy_task *kept__resume(cy_task *cy_t)
{
    struct kept__frame *cy_f = (struct kept__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        return cy_t;
    }
{
    cy_f->s = 1; { int cy_init[2] = { 0, 1 }; cy_memcpy((void *)&cy_f->a, &cy_init, sizeof cy_f->a); } 
    cy_f->d = (double)cy_f->w; 
    keep(&cy_f->n);
    printf("%d\n", cy_f->m);
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    cy_f->k = ({ cy_f->s + 1; }); 
    { cy_f->cy_task.cy_state_ = 2; return NULL; cy_resume_2:; }
    { int cy_r = (cy_f->k + cy_f->n + cy_f->a[1] + (int)cy_f->d); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}


/* a defer may read any local after a failure: nothing takes it */
/* frame of coroutine deferred: what survives a suspension */
struct deferred__frame {
    cy_task cy_task;
    union {
        struct { /* parameters and locals */
            int n;
        };
        int cy_result; /* written when the locals are dead */
    };
};
static cy_task *deferred__resume(cy_task *cy_t);
static const cy_desc deferred__desc = {
    .name = "deferred",
    .resume = deferred__resume,
    .size = sizeof(struct deferred__frame),
    .result_offset = offsetof(struct deferred__frame, cy_result),
    .result_size = sizeof(((struct deferred__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct deferred__frame *)0)->cy_result),
    .result_type = "int",
};
/* deferred__init(frame, ...) prepares a frame the caller owns */
static inline void deferred__init(struct deferred__frame *cy_f, int n)
{
    cy_task_init(&cy_f->cy_task, &deferred__desc, 0);
    cy_memcpy((void *)&cy_f->n, &n, sizeof cy_f->n);
}
/* deferred(...) makes a task that has not started yet */
cy_task *deferred(int n)
{
    struct deferred__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    deferred__init(cy_f, n);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* deferred__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *deferred__in(cy_pool *cy_p, int n)
{
    struct deferred__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    deferred__init(cy_f, n);
    return &cy_f->cy_task;
}
/* the body of deferred as a state machine */
static cy_task *deferred__resume(cy_task *cy_t)
{
    struct deferred__frame *cy_f = (struct deferred__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: goto cy_unwind_1;
    }
{
    /* defer */;
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_unwind_1: cy_f->n = 0; return cy_t; cy_resume_1:; }
    { int cy_r = (cy_f->n); cy_f->n = 0; cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

