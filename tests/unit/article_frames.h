/*
 * article_frames.h - for the unit tests: a log the frames write to, and
 * the article's tic_tac as a hand-written frame in the exact shape coroc
 * emits (docs/generated-code.md).  Included by test_task.c and test_loop.c.
 */
#ifndef ARTICLE_FRAMES_H
#define ARTICLE_FRAMES_H

/* ---- a log the frames write to ------------------------------------------ */

#include "log.h"

/* ---- coroutine const char *tic_tac(struct log *log) ---------------------- */

struct tic_tac__frame {
    cy_task cy_task;
    struct log *log;
    union {
        const char *cy_result;
    };
};
static cy_task *tic_tac__resume(cy_task *cy_t);
static const cy_desc tic_tac__desc = {
    .name = "tic_tac", .resume = tic_tac__resume,
    .size = sizeof(struct tic_tac__frame),
    .result_offset = offsetof(struct tic_tac__frame, cy_result),
    .result_size = sizeof(const char *),
    .result_kind = CY_KIND_OF(const char *),
};
static cy_task *tic_tac(struct log *log)
{
    struct tic_tac__frame *cy_f = cy_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    cy_task_init(&cy_f->cy_task, &tic_tac__desc, CY_F_HEAP);
    cy_f->log = log;
    return &cy_f->cy_task;
}
static cy_task *tic_tac__resume(cy_task *cy_t)
{
    struct tic_tac__frame *cy_f = (struct tic_tac__frame *)cy_t;
    switch (cy_f->cy_task.state) {
    case 0: break;
    case CY_STATE_CANCEL: return cy_t;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    }
    {
    say(cy_f->log, "Tic");
    cy_f->cy_task.state = 1; return NULL; cy_resume_1:;
    say(cy_f->log, "Tac");
    cy_f->cy_task.state = 2; return NULL; cy_resume_2:;
    { const char *cy_r = "Boum!"; cy_f->cy_result = cy_r; return cy_t; }
    }
}

#endif
