#include "coroc_gen.h"
#include <stdio.h>

/* frame of coroutine tic_tac: what survives a suspension */
struct tic_tac__frame {
    cy_task cy_task;
    const char *cy_result;
};
static cy_task *tic_tac__resume(cy_task *cy_t);
static const cy_desc tic_tac__desc = {
    .name = "tic_tac",
    .resume = tic_tac__resume,
    .size = sizeof(struct tic_tac__frame),
    .result_offset = offsetof(struct tic_tac__frame, cy_result),
    .result_size = sizeof(((struct tic_tac__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct tic_tac__frame *)0)->cy_result),
    .result_type = "const char *",
};
/* tic_tac__init(frame, ...) prepares a frame the caller owns */
static inline void tic_tac__init(struct tic_tac__frame *cy_f)
{
    cy_task_init(&cy_f->cy_task, &tic_tac__desc, 0);
}
/* tic_tac(...) makes a task that has not started yet */
cy_task *tic_tac(void)
{
    struct tic_tac__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    tic_tac__init(cy_f);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* tic_tac__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *tic_tac__in(cy_pool *cy_p)
{
    struct tic_tac__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    tic_tac__init(cy_f);
    return &cy_f->cy_task;
}
/* the body of tic_tac as a state machine */
static cy_task *tic_tac__resume(cy_task *cy_t)
{
    struct tic_tac__frame *cy_f = (struct tic_tac__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {
        return cy_t;
    }
{
    printf("Tic\n");
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    printf("Tac\n");
    { cy_f->cy_task.cy_state_ = 2; return NULL; cy_resume_2:; }
    { const char *cy_r = ("Boum!"); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

