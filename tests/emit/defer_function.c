#include "coroc_gen.h"
#include <stdio.h>
#include <stdlib.h>
/* defer in a plain C function: the function is written back as it is,
 * with its deferred statements on each way out of their block */
static int count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    /* defer */;
    int n = 0;
    for (int c; (c = getc(f)) != EOF;) {
        char *scratch = malloc(16);
        /* defer */;
        if (c == '\n')
            n++;
    free(scratch); }
    { int cy_r = (n); fclose(f); return cy_r; }
}

/* untouched: no defer */
static int twice(int x) { return 2 * x; }

/* frame of coroutine lines: what survives a suspension */
struct lines__frame {
    union {
        cy_task cy_task;
        struct { /* the result shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int cy_result;
            };
            union {
                struct { /* parameters and locals */
                    const char *path;
                };
            };
        };
    };
};
static cy_task *lines__resume(cy_task *cy_t);
static const cy_desc lines__desc = {
    .name = "lines",
    .resume = lines__resume,
    .size = sizeof(struct lines__frame),
    .result_offset = offsetof(struct lines__frame, cy_result),
    .result_size = sizeof(((struct lines__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct lines__frame *)0)->cy_result),
    .result_type = "int",
};
/* lines__init(frame, ...) prepares a frame the caller owns */
static inline void lines__init(struct lines__frame *cy_f, const char *path)
{
    cy_task_init(&cy_f->cy_task, &lines__desc, 0);
    cy_memcpy((void *)&cy_f->path, &path, sizeof cy_f->path);
}
/* lines(...) makes a task that has not started yet */
cy_task *lines(const char *path)
{
    struct lines__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    lines__init(cy_f, path);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* lines__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *lines__in(cy_pool *cy_p, const char *path)
{
    struct lines__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    lines__init(cy_f, path);
    return &cy_f->cy_task;
}
/* the body of lines as a state machine */
static cy_task *lines__resume(cy_task *cy_t)
{
    struct lines__frame *cy_f = (struct lines__frame *)cy_t;
    switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    { cy_f->cy_task.cy_state_ = 1; return NULL; cy_resume_1:; }
    { int cy_r = (twice(count_lines(cy_f->path))); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

