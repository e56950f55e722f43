/*
 * control.c - loop control: the loop's extension (ext.h), cy_loop_stop,
 * the done hook that sees every task, cy_task_hold, and the runtime's own
 * background tasks.  cy_loop_run_forever is in loop.c (it runs rounds).
 */
#include "coroc.h"
#include "internal.h"
#include "ext.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

struct cy_loop_ext_ *cy_ext_(cy_loop *loop)
{
    if (loop->ext)
        return loop->ext;
    struct cy_loop_ext_ *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    if (pthread_mutex_init(&x->mu, NULL)) {
        free(x);
        return NULL;
    }
    if (pthread_cond_init(&x->cv, NULL)) {
        pthread_mutex_destroy(&x->mu);
        free(x);
        return NULL;
    }
    x->efd = -1;
    x->sfd = -1;
    sigemptyset(&x->sigmask);
    loop->ext = x;
    return x;
}

void cy_ext_close_(cy_loop *loop)
{
    struct cy_loop_ext_ *x = loop->ext;
    if (!x)
        return;
    cy_thread_close_(loop);
    cy_signal_close_(loop);
    pthread_cond_destroy(&x->cv);
    pthread_mutex_destroy(&x->mu);
    free(x);
    loop->ext = NULL;
}

int cy_loop_stop(cy_loop *loop)
{
    if (!loop)
        return -EINVAL;
    struct cy_loop_ext_ *x = cy_ext_(loop);
    if (!x)
        return -ENOMEM;
    x->stop = 1;
    return 0;
}

int cy_loop_is_running(const cy_loop *loop)
{
    return loop && loop->ext && loop->ext->running;
}

int cy_loop_on_finish(cy_loop *loop, cy_done_fn fn, void *arg)
{
    if (!loop)
        return -EINVAL;
    struct cy_loop_ext_ *x = fn ? cy_ext_(loop) : loop->ext;
    if (!x)
        return fn ? -ENOMEM : 0;
    x->on_finish = fn;
    x->on_finish_arg = fn ? arg : NULL;
    return 0;
}

int cy_task_hold(cy_task *t)
{
    if (!t)
        return -EINVAL;
    if ((t->flags & CY_F_ONLOOP_) == CY_F_LOOP) {
        /* scheduled: the loop would free it once done; from now on it
         * runs there as a launched task, which stays the program's */
        t->flags = (uint8_t)((t->flags & ~CY_F_LOOP) | CY_F_LAUNCHED_);
        return 0;
    }
    /* on no loop, or launched already: the program's anyway */
    return (t->flags & CY_F_LOOP) ? -EINVAL : 0;
}

int cy_spawn_(cy_loop *loop, cy_task *t)
{
    int rc = cy_loop_schedule(loop, t);
    if (rc == 0)
        t->flags |= CY_F_AUTO_;
    return rc;
}
