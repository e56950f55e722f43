/*
 * article_frames.h - for the unit tests: a log the frames write to, and
 * the article's tic_tac, written with frames.h (the shape coroc emits,
 * docs/generated-code.md).  Included by test_task.c and test_loop.c.
 */
#ifndef ARTICLE_FRAMES_H
#define ARTICLE_FRAMES_H

#include "frames.h"
#include "log.h"

/* ---- coroutine const char *tic_tac(struct log *log) ---------------------- */

struct tic_tac__frame {
    cy_task cy_task;
    struct log *log;
    union {
        const char *cy_result;
    };
};
FRAME_DESC(tic_tac, FRAME_RESULT(tic_tac));
static cy_task *tic_tac(struct log *log)
{
    FRAME_NEW(tic_tac);
    cy_f->log = log;
    return FRAME_TASK;
}
FRAME_RESUME(tic_tac)
{
    FRAME_SWITCH(tic_tac)
    FRAME_AT(1)
    FRAME_AT(2)
    FRAME_CANCEL_RETURNS
    say(cy_f->log, "Tic");
    FRAME_SUSPEND(1);
    say(cy_f->log, "Tac");
    FRAME_SUSPEND(2);
    FRAME_RETURN(const char *, "Boum!");
}

#endif
