#include "coroc_gen.h"
/* conditionals in a coroutine body: the frame member of a local declared
 * in a branch, a name with another type in each branch of #if/#elif/#else,
 * the dispatch's case labels and a defer under their branch's directives */
#include <stdio.h>

/* frame of coroutine count: what survives a suspension */
struct count__frame {
    cy_task cy_task;
    int cy_yield; /* the value yielded last */
    cy_u16 cy_at; /* the last resume point, for a cancellation's defers */
    union {
        struct { /* parameters and locals */
            int n;
#ifdef TRACE
            int steps;
#endif
#if WIDTH > 32
            long long v;
#elif WIDTH > 16
            long v;
#else
            int v;
#endif
        };
        int cy_result; /* written when the locals are dead */
    };
};
static cy_task *count__resume(cy_task *cy_t);
static const cy_desc count__desc = {
    .name = "count",
    .resume = count__resume,
    .size = sizeof(struct count__frame),
    .result_offset = offsetof(struct count__frame, cy_result),
    .result_size = sizeof(((struct count__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct count__frame *)0)->cy_result),
    .yield_offset = offsetof(struct count__frame, cy_yield),
    .yield_size = sizeof(((struct count__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct count__frame *)0)->cy_yield),
    .result_type = "int",
    .yield_type = "int",
};
/* count__init(frame, ...) prepares a frame the caller owns */
static inline void count__init(struct count__frame *cy_f, int n)
{
    cy_task_init(&cy_f->cy_task, &count__desc, 0);
    cy_memcpy((void *)&cy_f->n, &n, sizeof cy_f->n);
}
/* count(...) makes a task that has not started yet */
cy_task *count(int n)
{
    struct count__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    count__init(cy_f, n);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* count__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *count__in(cy_pool *cy_p, int n)
{
    struct count__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    count__init(cy_f, n);
    return &cy_f->cy_task;
}
/* the body of count as a state machine */
static cy_task *count__resume(cy_task *cy_t)
{
    struct count__frame *cy_f = (struct count__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
#ifdef TRACE
#else
    case 2: goto cy_resume_2;
#endif
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        switch (cy_f->cy_at) {
        case 1: goto cy_unwind_1;
#ifdef TRACE
#else
        case 2: goto cy_unwind_2;
#endif
        default: break;
        }
        return cy_t;
    }
{
#ifdef TRACE
    cy_f->steps = 0; 
    /* defer */;
#endif
#if WIDTH > 32
    cy_f->v = cy_f->n; 
#elif WIDTH > 16
    cy_f->v = cy_f->n; 
#else
    cy_f->v = cy_f->n; 
#endif
    while (cy_f->v > 0) {
        { cy_f->cy_yield = ((int)cy_f->v); cy_f->cy_at = 1; cy_f->cy_task.cy_state_ = 1; return NULL; cy_unwind_1: 
#ifdef TRACE
printf("%d steps\n", cy_f->steps); 
#endif
                                                                                                                   return cy_t; cy_resume_1:; }
#ifdef TRACE
        cy_f->steps++;
#else
        { cy_f->cy_yield = (0); cy_f->cy_at = 2; cy_f->cy_task.cy_state_ = 2; return NULL; cy_unwind_2: 
#ifdef TRACE
printf("%d steps\n", cy_f->steps); 
#endif
                                                                                                        return cy_t; cy_resume_2:; }
#endif
        cy_f->v--;
    }
    { int cy_r = (0); 
#ifdef TRACE
printf("%d steps\n", cy_f->steps); 
#endif
                      cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

