#include "coroc_gen.h"
/* a for whose counter lives in the frame; continue in a lowered loop */
/* frame of coroutine steps: what survives a suspension */
struct steps__frame {
    union {
        cy_task cy_task;
        struct { /* n shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int n;
            };
            int cy_yield; /* the value yielded last */
            int cy_recv; /* the value sent in */
            union {
                struct { /* parameters and locals */
                    union {
                        struct { /* for at line 4 */
                            int i;
                        };
                        struct { /* for at line 9 */
                            int k;
                            int cy_t1;
                        };
                    };
                };
            };
        };
    };
};
static cy_task *steps__resume(cy_task *cy_t);
static const cy_desc steps__desc = {
    .name = "steps",
    .resume = steps__resume,
    .size = sizeof(struct steps__frame),
    .yield_offset = offsetof(struct steps__frame, cy_yield),
    .yield_size = sizeof(((struct steps__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct steps__frame *)0)->cy_yield),
    .recv_offset = offsetof(struct steps__frame, cy_recv),
    .recv_size = sizeof(((struct steps__frame *)0)->cy_recv),
    .recv_kind = CY_KIND_OF_EXPR(((struct steps__frame *)0)->cy_recv),
    .yield_type = "int",
};
/* steps__init(frame, ...) prepares a frame the caller owns */
static inline void steps__init(struct steps__frame *cy_f, int n)
{
    cy_task_init(&cy_f->cy_task, &steps__desc, 0);
    cy_memcpy((void *)&cy_f->n, &n, sizeof cy_f->n);
}
/* steps(...) makes a task that has not started yet */
cy_task *steps(int n)
{
    struct steps__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    steps__init(cy_f, n);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* steps__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *steps__in(cy_pool *cy_p, int n)
{
    struct steps__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    steps__init(cy_f, n);
    return &cy_f->cy_task;
}
/* the body of steps as a state machine */
static cy_task *steps__resume(cy_task *cy_t)
{
    struct steps__frame *cy_f = (struct steps__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        return cy_t;
    }
{
    { cy_f->i = 0; for (; cy_f->i < cy_f->n; cy_f->i++) {
        if (cy_f->i == 2)
            continue;
        { cy_f->cy_yield = (cy_f->i); cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    } }
    { cy_f->k = 0; for (;;) { cy_f->cy_yield = (cy_f->k); cy_f->cy_task.cy_state_ = 2; return NULL; cy_resume_2:;
        cy_f->cy_t1 = cy_f->cy_recv; if (!((cy_f->cy_t1) < cy_f->n)) break; if (cy_f->k == 1)
            goto cy_cont_1;
        cy_cont_1:; cy_f->k++; } }
}
    return cy_t;
}

