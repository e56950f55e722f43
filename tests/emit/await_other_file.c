#include "coroc_gen.h"
/* A coroutine of another file, known by its prototype: before its result
 * is copied, the await checks the callee's descriptor (size and kind). */
cy_task *remote_count(int fd);


/* frame of coroutine twice: what survives a suspension */
struct twice__frame {
    union {
        cy_task cy_task;
        struct { /* fd shares the header's error word, read only once the task has failed */
            char cy_head_[CY_ERR_OFFSET_];
            union {
                cy_i32 cy_err_; /* the header's err */
                int fd;
            };
            const char *cy_errmsg; /* the message of a failure */
            union {
                struct { /* parameters and locals */
                    cy_task *cy_aw1;
                    long cy_t2;
                };
                long cy_result; /* written when the locals are dead */
            };
        };
    };
};
static cy_task *twice__resume(cy_task *cy_t);
static const cy_desc twice__desc = {
    .name = "twice",
    .resume = twice__resume,
    .size = sizeof(struct twice__frame),
    .result_offset = offsetof(struct twice__frame, cy_result),
    .result_size = sizeof(((struct twice__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct twice__frame *)0)->cy_result),
    .errmsg_offset = offsetof(struct twice__frame, cy_errmsg),
    .result_type = "long",
};
/* twice__init(frame, ...) prepares a frame the caller owns */
static inline void twice__init(struct twice__frame *cy_f, int fd)
{
    cy_task_init(&cy_f->cy_task, &twice__desc, 0);
    cy_f->cy_errmsg = NULL;
    cy_memcpy((void *)&cy_f->fd, &fd, sizeof cy_f->fd);
}
/* twice(...) makes a task that has not started yet */
cy_task *twice(int fd)
{
    struct twice__frame *cy_f = cy_frame_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    twice__init(cy_f, fd);
    cy_f->cy_task.cy_flags_ = CY_F_HEAP;
    return &cy_f->cy_task;
}
/* twice__in(pool, ...): the same, the frame taken from a cy_pool */
static inline CY_MAYBE_UNUSED cy_task *twice__in(cy_pool *cy_p, int fd)
{
    struct twice__frame *cy_f = cy_pool_get(cy_p);
    if (!cy_f)
        return NULL;
    twice__init(cy_f, fd);
    return &cy_f->cy_task;
}
/* the body of twice as a state machine */
static cy_task *twice__resume(cy_task *cy_t)
{
    struct twice__frame *cy_f = (struct twice__frame *)cy_t;
    /* it only awaits: started far more often than resumed */
    if (cy_f->cy_task.cy_state_ != 0) switch (cy_f->cy_task.cy_state_) {
    case 0: default: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
{
    cy_f->cy_aw1 = remote_count(cy_f->fd); if (!cy_f->cy_aw1) { cy_fail(cy_t, -CY_ENOMEM); return cy_t; } cy_f->cy_task.cy_state_ = 1; return cy_f->cy_aw1;
        cy_resume_1:; if (cy_failed(cy_f->cy_aw1)) { cy_fail_as(cy_t, cy_f->cy_aw1, &cy_f->cy_errmsg); cy_task_free(cy_f->cy_aw1); return cy_t;
        } if (!cy_result_fits(cy_f->cy_aw1, sizeof cy_f->cy_t2, CY_KIND_OF_EXPR(cy_f->cy_t2))) { cy_task_free(cy_f->cy_aw1); { cy_fail(cy_t, -CY_EINVAL);
        cy_f->cy_errmsg = "coroutine 'remote_count' does not return the long its prototype (tests/emit/await_other_file.cy:3) says"; return cy_t; } }
        cy_memcpy(&cy_f->cy_t2, cy_result_of(cy_f->cy_aw1), sizeof cy_f->cy_t2); cy_task_free(cy_f->cy_aw1); long n = cy_f->cy_t2;
    { long cy_r = (2 * n); cy_f->cy_result = cy_r; return cy_t; }
}
    return cy_t;
}

