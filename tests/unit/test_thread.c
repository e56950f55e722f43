/*
 * test_thread.c - unit tests of the thread pool (cy_to_thread,
 * cy_run_in_executor), signal handlers, cy_loop_run_forever / stop, the
 * done hook for every task (cy_loop_on_finish) and cy_task_hold (cmocka).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "coroc.h"

#include "log.h"
#include "script.h"

/* ---- the thread pool ---------------------------------------------------------- */

struct job {
    long in, out;
    pthread_t thread;
    int fd;     /* a pipe to block on, or -1 */
    int rc;     /* what the function returns */
    int ran;
};

static int square(void *arg)
{
    struct job *j = arg;
    j->thread = pthread_self();
    if (j->fd >= 0) {
        char c;
        while (read(j->fd, &c, 1) < 0 && errno == EINTR)
            ;
    }
    j->out = j->in * j->in;
    j->ran = 1;
    return j->rc;
}

struct pool_ctx {
    struct job jobs[10];
    int status[10], err[10];
    cy_executor *ex;
};

/* await to_thread(square, job i), one after the other */
static cy_task *pool_step(struct script *sc, int i)
{
    struct pool_ctx *p = sc->ctx;
    if (i > 0) {
        p->status[i - 1] = sc->status;
        p->err[i - 1] = sc->err;
    }
    if (i == 3)
        return NULL;
    return p->ex ? cy_run_in_executor(sc->loop, p->ex, square, &p->jobs[i])
                 : cy_to_thread(sc->loop, square, &p->jobs[i]);
}

static void test_to_thread_results_and_errors(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    struct pool_ctx p = { 0 };
    for (int i = 0; i < 3; i++)
        p.jobs[i] = (struct job){ .in = i + 5, .fd = -1 };
    p.jobs[1].rc = -EIO; /* the second one fails */
    cy_task *t = script_new(&loop, pool_step, &p);
    assert_int_equal(cy_loop_run_until_complete(&loop, t), 0);
    assert_int_equal(p.jobs[0].out, 25);
    assert_int_equal(p.status[0], CY_FINISHED);
    assert_int_equal(p.status[1], CY_ERROR);
    assert_int_equal(p.err[1], -EIO);
    assert_int_equal(p.jobs[2].out, 49);
    /* on a worker, not on the loop's thread */
    assert_false(pthread_equal(p.jobs[0].thread, pthread_self()));
    cy_task_free(t);
    cy_loop_close(&loop);

    /* a task stepped by hand has no loop to wake it: fn runs inline */
    struct job j = { .in = 3, .fd = -1 };
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_task *w = cy_to_thread(&loop, square, &j);
    assert_int_equal(cy_task_step(w), 0);
    assert_int_equal(j.out, 9);
    assert_true(pthread_equal(j.thread, pthread_self()));
    cy_task_free(w);
    cy_loop_close(&loop);
}

/* many jobs at once, on an executor of two threads */
struct many {
    cy_executor *ex;
    struct job *j;
};

static cy_task *many_step(struct script *sc, int i)
{
    struct many *m = sc->ctx;
    return i == 0 ? cy_run_in_executor(sc->loop, m->ex, square, m->j) : NULL;
}

static void test_many_jobs(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_executor *ex = cy_executor_new(2);
    assert_non_null(ex);
    struct job jobs[10];
    struct many m[10];
    cy_task *ts[10];
    for (int i = 0; i < 10; i++) {
        jobs[i] = (struct job){ .in = i, .fd = -1 };
        m[i] = (struct many){ ex, &jobs[i] };
        ts[i] = script_new(&loop, many_step, &m[i]);
    }
    assert_int_equal(cy_loop_wait(&loop, ts, 10), 0);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(cy_task_status(ts[i]), CY_FINISHED);
        assert_int_equal(jobs[i].out, i * i);
        cy_task_free(ts[i]);
    }
    assert_true(cy_executor_threads(ex) >= 1 && cy_executor_threads(ex) <= 2);
    cy_loop_close(&loop);
    cy_executor_free(ex);
}

/* cancel a job no worker took yet (it is unqueued: never runs) and one
 * that runs (orphaned: it ends, and cy_loop_close waits for it) */
struct cancel_ctx {
    cy_task *a, *b;
    int started[2]; /* square writes here as it starts */
    int release[2]; /* and blocks reading this */
};

static int blocking(void *arg)
{
    struct job *j = arg;
    char c = 's';
    assert_int_equal(write(j->rc, &c, 1), 1); /* rc holds started[1] */
    while (read(j->fd, &c, 1) < 0 && errno == EINTR)
        ;
    j->ran = 1;
    return 0;
}

static cy_task *cancel_jobs_step(struct script *sc, int i)
{
    struct cancel_ctx *c = sc->ctx;
    if (i == 0)
        return cy_readable(sc->loop, c->started[0]); /* a's job runs */
    assert_int_equal(cy_task_cancel(c->b), 0);
    assert_int_equal(cy_task_cancel(c->a), 0);
    char x = 'r';
    assert_int_equal(write(c->release[1], &x, 1), 1);
    return NULL;
}

struct one {
    cy_executor *ex;
    cy_work_fn fn;
    struct job *j;
};

static cy_task *one_step(struct script *sc, int i)
{
    struct one *o = sc->ctx;
    return i == 0 ? cy_run_in_executor(sc->loop, o->ex, o->fn, o->j) : NULL;
}

static void test_cancel_jobs(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_executor *ex = cy_executor_new(1);
    assert_non_null(ex);
    struct cancel_ctx c;
    assert_int_equal(pipe(c.started), 0);
    assert_int_equal(pipe(c.release), 0);
    struct job running = { .fd = c.release[0], .rc = c.started[1] };
    struct job queued = { .in = 4, .fd = -1 };
    struct one o1 = { ex, blocking, &running }, o2 = { ex, square, &queued };
    c.a = script_new(&loop, one_step, &o1);
    c.b = script_new(&loop, one_step, &o2);
    cy_task *k = script_new(&loop, cancel_jobs_step, &c);
    cy_task *ts[3] = { c.a, c.b, k };
    assert_int_equal(cy_loop_wait(&loop, ts, 3), 0);
    assert_int_equal(cy_task_status(c.a), CY_CANCELLED);
    assert_int_equal(cy_task_status(c.b), CY_CANCELLED);
    cy_loop_close(&loop); /* waits for the orphaned job */
    assert_int_equal(running.ran, 1);
    assert_int_equal(queued.ran, 0); /* taken out of the queue */
    cy_task_free(c.a);
    cy_task_free(c.b);
    cy_task_free(k);
    cy_executor_free(ex);
    for (int i = 0; i < 2; i++) {
        close(c.started[i]);
        close(c.release[i]);
    }
}

/* ---- signals and run_forever ------------------------------------------------- */

struct sigctx {
    int seen[4];
    int n;
    int stop_on;
};

static void on_sig(cy_loop *loop, int signo, void *arg)
{
    struct sigctx *c = arg;
    c->seen[c->n++] = signo;
    if (signo == c->stop_on)
        cy_loop_stop(loop);
}

/* raises SIGUSR1, then SIGUSR2 a unit later */
static cy_task *raise_step(struct script *sc, int i)
{
    (void)sc;
    switch (i) {
    case 0: raise(SIGUSR1); return cy_sleep(sc->loop, 1);
    case 1: raise(SIGUSR2); return NULL;
    }
    return NULL;
}

static void test_signals_stop_run_forever(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    assert_int_equal(cy_loop_set_virtual_time(&loop, 1), 0);
    struct sigctx c = { .stop_on = SIGUSR2 };
    assert_int_equal(cy_loop_add_signal_handler(&loop, SIGUSR1, on_sig, &c), 0);
    assert_int_equal(cy_loop_add_signal_handler(&loop, SIGUSR2, on_sig, &c), 0);
    assert_int_equal(cy_loop_add_signal_handler(&loop, SIGKILL, on_sig, &c),
                     -EINVAL);
    sigset_t now;
    pthread_sigmask(SIG_BLOCK, NULL, &now);
    assert_true(sigismember(&now, SIGUSR1)); /* blocked: read from the fd */
    cy_task *t = script_new(&loop, raise_step, NULL);
    assert_int_equal(cy_loop_launch(&loop, t), 0);
    assert_int_equal(cy_loop_run_forever(&loop), 0); /* SIGUSR2 stops it */
    assert_int_equal(c.n, 2);
    assert_int_equal(c.seen[0], SIGUSR1);
    assert_int_equal(c.seen[1], SIGUSR2);
    assert_int_equal(cy_loop_time(&loop), 1);
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    assert_int_equal(cy_loop_remove_signal_handler(&loop, SIGUSR1), 1);
    assert_int_equal(cy_loop_remove_signal_handler(&loop, SIGUSR1), 0);
    pthread_sigmask(SIG_BLOCK, NULL, &now);
    assert_false(sigismember(&now, SIGUSR1)); /* the old mask is back */
    cy_task_free(t);
    cy_loop_close(&loop);
    pthread_sigmask(SIG_BLOCK, NULL, &now);
    assert_false(sigismember(&now, SIGUSR2));
}

/* stop from a task; a loop with nothing that can wake it: -EDEADLK */
static cy_task *stopper_step(struct script *sc, int i)
{
    int *rounds = sc->ctx;
    ++*rounds;
    if (i < 3)
        return SCRIPT_YIELD;
    cy_loop_stop(sc->loop);
    return SCRIPT_YIELD; /* still running: stop ends the round anyway */
}

static void test_run_forever_stop(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    int rounds = 0;
    cy_task *t = script_new(&loop, stopper_step, &rounds);
    assert_int_equal(cy_loop_launch(&loop, t), 0);
    assert_int_equal(cy_loop_run_forever(&loop), 0);
    assert_int_equal(rounds, 4);
    assert_false(cy_task_done(t)); /* stopped, not finished */
    assert_false(cy_loop_is_running(&loop));
    cy_task_free(t); /* cancelled: the loop frees it at its turn */
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(cy_loop_run_forever(&loop), -EDEADLK);
    cy_loop_close(&loop);
}

/* ---- the done hook for every task, held handles --------------------------------- */

static void finish_hook(cy_loop *loop, cy_task *t, void *arg)
{
    (void)loop;
    sayf(arg, "%s %s", (const char *)SCRIPT(t)->ctx,
         cy_status_name(cy_task_status(t)));
}

static cy_task *count_step(struct script *sc, int i)
{
    (void)sc;
    return i < 2 ? SCRIPT_YIELD : NULL;
}

/* a task polling is_done() on a task the loop owns (held) */
struct poller {
    cy_task *sub;
    int polls;
};

static cy_task *poll_step(struct script *sc, int i)
{
    struct poller *p = sc->ctx;
    (void)i;
    if (cy_task_done(p->sub))
        return NULL;
    p->polls++;
    return SCRIPT_YIELD;
}

static void test_on_finish_and_hold(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    struct log log = { .len = 0 };
    assert_int_equal(cy_loop_on_finish(&loop, finish_hook, &log), 0);
    cy_task *owned = script_new(&loop, count_step, "owned");
    cy_task *launched = script_new(&loop, count_step, "launched");
    cy_task *waited = script_new(&loop, count_step, "waited");
    assert_int_equal(cy_loop_schedule(&loop, owned), 0);
    assert_int_equal(cy_loop_launch(&loop, launched), 0);
    assert_int_equal(cy_loop_run_until_complete(&loop, waited), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
                        "owned FINISHED\nlaunched FINISHED\nwaited FINISHED\n");
    cy_task_free(launched);
    cy_task_free(waited);
    cy_loop_on_finish(&loop, NULL, NULL);

    /* the article's ensure_future + polling: the loop would free the
     * scheduled task as soon as it is done, and the poller would read
     * freed memory; held, it stays the program's */
    struct poller p = { script_new(&loop, count_step, "sub"), 0 };
    assert_int_equal(cy_loop_schedule(&loop, p.sub), 0);
    assert_int_equal(cy_task_hold(p.sub), 0);
    cy_task *poller = script_new(&loop, poll_step, &p);
    assert_int_equal(cy_loop_run_until_complete(&loop, poller), 0);
    assert_int_equal(cy_task_status(p.sub), CY_FINISHED);
    assert_true(p.polls >= 2);
    cy_task_free(p.sub);
    cy_task_free(poller);
    assert_int_equal(cy_task_hold(NULL), -EINVAL);
    cy_loop_close(&loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_to_thread_results_and_errors),
        cmocka_unit_test(test_many_jobs),
        cmocka_unit_test(test_cancel_jobs),
        cmocka_unit_test(test_signals_stop_run_forever),
        cmocka_unit_test(test_run_forever_stop),
        cmocka_unit_test(test_on_finish_and_hold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
