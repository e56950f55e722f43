#include "coroc_gen.h"
/* issue 10: the macro uses coroc expands (a loop head, a statement macro
 * with a yield, a macro naming a frame local, # on a local, a storage
 * class) and those it leaves as written (MAX, LIMIT) */
#include <stdio.h>

#define local static
#define LIMIT 3
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define for_each(i, a) for (size_t i = 0; i < sizeof a / sizeof *a; i++)
#define YIELD_TWICE(v) do { yield (v); yield (v) + 1; } while (0)
#define SHOW_TOTAL() printf("total %d\n", total)
#define SHOW(v) printf("%s = %d\n", #v, (v))

/* frame of coroutine sums: what survives a suspension */
struct sums__frame {
    union {
        cy_task cy_task;
        struct { /* the result shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int cy_result;
            };
            int cy_yield; /* the value yielded last */
            union {
                struct { /* parameters and locals */
                    int w[3];
                    int total;
                    size_t i;
                };
            };
        };
    };
};
static cy_task *sums__resume(cy_task *cy_t);
static const cy_desc sums__desc = {
    .name = "sums",
    .resume = sums__resume,
    .size = sizeof(struct sums__frame),
    .result_offset = offsetof(struct sums__frame, cy_result),
    .result_size = sizeof(((struct sums__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct sums__frame *)0)->cy_result),
    .yield_offset = offsetof(struct sums__frame, cy_yield),
    .yield_size = sizeof(((struct sums__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct sums__frame *)0)->cy_yield),
    .result_type = "int",
    .yield_type = "int",
};
/* sums__init(frame, ...) prepares a frame the caller owns */
static inline void sums__init(struct sums__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &sums__desc, 0);
}
/* sums(...) makes a task that has not started yet */
static CY_MAYBE_UNUSED cy_task *sums(void)
{
    struct sums__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    sums__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* sums__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *sums__in(cy_pool *cy_p)
{
    struct sums__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    sums__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of sums as a state machine */
static cy_task *sums__resume(cy_task *cy_t)
{
    struct sums__frame *cy_f = (struct sums__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        return cy_t;
    }
{
    { int cy_init[] = {4, 5, 6}; cy_memcpy((void *)&cy_f->w, &cy_init, sizeof cy_f->w); } 
    cy_f->total = 0; 
    { cy_f->i = 0; for (; cy_f->i < sizeof cy_f->w / sizeof *cy_f->w; cy_f->i++) {
        cy_f->total = MAX(cy_f->total, cy_f->w[cy_f->i]) + LIMIT;
        do { { cy_f->cy_yield = (cy_f->total); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; } { cy_f->cy_yield = ((cy_f->total) + 1);
            cy_f->cy_task.cy_state_ = 2; return NULL; cy_resume_2:; } } while (0);
    } }
    printf("total %d\n", cy_f->total);
    printf("%s = %d\n", "total", (cy_f->total));
    { int cy_r = (cy_f->total); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

