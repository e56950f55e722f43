/*
 * test_async.c - unit tests of awaiting tasks, cancellation, launching,
 * time and the runtime waits (cy_await, cy_task_cancel, cy_loop_launch,
 * cy_sleep, cy_wait, cy_gather, cy_wait_for) (cmocka).
 *
 * Hand-written frames, with frames.h (the shape coroc emits: docs/generated-code.md,
 * docs/language.md: `await` on a task handle, throw with a message, defer
 * cleanup on CY_STATE_CANCEL).  Most tests use the loop's virtual clock,
 * so that times are exact and nothing waits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "coroc.h"

#include "frames.h"
#include "log.h"

/* ---- coroutine int worker(name, n, fail, log): yields n times, then
 *      returns n, or throws fail, "worker failed" when fail != 0;
 *      defer sayf(log, "%s cleanup", name); ------------------------------- */

struct worker__frame {
    cy_task cy_task;
    const char *cy_errmsg;
    uint32_t cy_defer;
    int cy_result;
    const char *name;
    int n, fail, i;
    struct log *log;
};
FRAME_DESC(worker, FRAME_RESULT(worker), FRAME_ERRMSG(worker));
static cy_task *worker(const char *name, int n, int fail, struct log *log)
{
    FRAME_NEW(worker);
    cy_f->name = name;
    cy_f->n = n;
    cy_f->fail = fail;
    cy_f->log = log;
    return FRAME_TASK;
}
FRAME_RESUME(worker)
{
    FRAME_SWITCH(worker)
    FRAME_AT(1)
    FRAME_CANCEL_CLEANS
    cy_f->cy_defer |= 1;
    for (cy_f->i = 0; cy_f->i < cy_f->n; cy_f->i++) {
        sayf(cy_f->log, "%s %d", cy_f->name, cy_f->i);
        FRAME_SUSPEND(1);
    }
    if (cy_f->fail)
        FRAME_THROW_MSG(cy_f->fail, "worker failed", goto cy_cleanup);
    cy_f->cy_result = cy_f->n;
cy_cleanup:
    if (cy_f->cy_defer & 1)
        sayf(cy_f->log, "%s cleanup", cy_f->name);
    cy_f->cy_defer = 0;
    return cy_t;
}

/* ---- coroutine void waiter(name, aw, loop, log): await aw; logs what
 *      it saw (and the loop's time when loop is given), fails as aw
 *      failed; defer sayf(log, "%s cleanup", name); ------------------------ */

struct waiter__frame {
    cy_task cy_task;
    const char *cy_errmsg;
    uint32_t cy_defer;
    const char *name;
    cy_task *aw;
    cy_loop *loop;
    struct log *log;
};
FRAME_DESC(waiter, FRAME_ERRMSG(waiter));
static cy_task *waiter(const char *name, cy_task *aw, cy_loop *loop,
                       struct log *log)
{
    FRAME_NEW(waiter);
    cy_f->name = name;
    cy_f->aw = aw;
    cy_f->loop = loop;
    cy_f->log = log;
    return FRAME_TASK;
}
FRAME_RESUME(waiter)
{
    FRAME_SWITCH(waiter)
    FRAME_AT(1)
    FRAME_CANCEL_CLEANS
    cy_f->cy_defer |= 1;
    sayf(cy_f->log, "%s awaits", cy_f->name);
    FRAME_AWAIT_HANDLE(1, cy_f->aw);
    if (cy_f->aw->status >= CY_ERROR) {
        int32_t e = cy_task_error(cy_f->aw);
        int s = cy_f->aw->status;
        const char *m = cy_task_message(cy_f->aw);
        sayf(cy_f->log, "%s failed %d %s", cy_f->name, (int)-e,
             m ? m : "-");
        cy_await_release(cy_f->aw);
        cy_t->err = e;
        cy_f->cy_errmsg = m;
        cy_t->status = (uint8_t)s;
        goto cy_cleanup;
    }
    if (cy_f->loop)
        sayf(cy_f->log, "%s done at %g", cy_f->name,
             cy_loop_time(cy_f->loop));
    else
        sayf(cy_f->log, "%s done", cy_f->name);
    cy_await_release(cy_f->aw);
cy_cleanup:
    if (cy_f->cy_defer & 1)
        sayf(cy_f->log, "%s cleanup", cy_f->name);
    cy_f->cy_defer = 0;
    return cy_t;
}

static cy_loop *virtual_loop(cy_loop *loop)
{
    assert_int_equal(cy_loop_init(loop), 0);
    assert_int_equal(cy_loop_set_virtual_time(loop, 1), 0);
    return loop;
}

/* ---- awaiting ------------------------------------------------------------- */

static void test_await_adopts_new_task(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *w = waiter("w", worker("a", 2, 0, &log), NULL, &log);
    /* driven by hand: the worker runs inline, its yields suspend w */
    assert_int_equal(cy_task_step(w), 1);
    assert_int_equal(cy_task_step(w), 1);
    assert_int_equal(cy_task_step(w), 0);
    assert_int_equal(cy_task_status(w), CY_FINISHED);
    assert_string_equal(log.buf, "w awaits\na 0\na 1\na cleanup\nw done\n"
                                 "w cleanup\n");
    cy_task_free(w); /* the worker was freed by cy_await_release */
}

static void test_await_done_task_does_not_suspend(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *a = worker("a", 0, 0, &log);
    assert_int_equal(cy_task_step(a), 0);
    cy_task *w = waiter("w", a, NULL, &log);
    assert_int_equal(cy_task_step(w), 0); /* one step: no suspension */
    assert_int_equal(cy_task_status(w), CY_FINISHED);
    assert_int_equal(CY_RESULT(a, int), 0);
    cy_task_free(w);
    cy_task_free(a);
}

static void test_await_launched_task_parks(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_task *a = worker("a", 3, 0, &log);
    assert_int_equal(cy_loop_launch(&loop, a), 0);
    assert_int_equal(cy_loop_launch(&loop, a), -EINVAL);
    /* two waiters: woken in the order they began to wait */
    assert_int_equal(cy_loop_schedule(&loop, waiter("w1", a, NULL, &log)), 0);
    assert_int_equal(cy_loop_schedule(&loop, waiter("w2", a, NULL, &log)), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "a 0\nw1 awaits\nw2 awaits\na 1\na 2\n"
                                 "a cleanup\nw1 done\nw1 cleanup\n"
                                 "w2 done\nw2 cleanup\n");
    assert_int_equal(cy_task_status(a), CY_FINISHED);
    assert_int_equal(CY_RESULT(a, int), 3);
    cy_task_free(a);
    cy_loop_close(&loop);
}

static void test_await_failed_task(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_task *a = worker("a", 1, EIO, &log);
    assert_int_equal(cy_loop_launch(&loop, a), 0);
    cy_task *w = waiter("w", a, NULL, &log);
    assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
    assert_int_equal(cy_task_status(w), CY_ERROR);
    assert_int_equal(cy_task_error(w), -EIO);
    assert_string_equal(cy_task_message(w), "worker failed");
    assert_string_equal(cy_task_message(a), "worker failed");
    char buf[128];
    cy_task_repr(w, buf, sizeof buf);
    assert_string_equal(buf, "<Task 'waiter' [ERROR] (error: Input/output "
                             "error: worker failed)>");
    assert_string_equal(log.buf, "a 0\nw awaits\na cleanup\n"
                                 "w failed 5 worker failed\nw cleanup\n");
    cy_task_free(w);
    cy_task_free(a);
    cy_loop_close(&loop);
}

static void test_await_loop_owned_task(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_task *a = worker("a", 2, 0, &log);
    assert_int_equal(cy_loop_schedule(&loop, a), 0);
    cy_task *w = waiter("w", a, NULL, &log);
    assert_int_equal(cy_loop_schedule(&loop, w), 0);
    /* w takes a over from the loop and frees it (no leak, no double free) */
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "a 0\nw awaits\na 1\na cleanup\nw done\n"
                                 "w cleanup\n");
    cy_loop_close(&loop);
}

static void test_message_without_slot(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *a = worker("a", 0, 0, &log);
    assert_null(cy_task_message(a));
    assert_int_equal(cy_task_step(a), 0);
    assert_null(cy_task_message(a)); /* FINISHED */
    cy_task_free(a);
}

/* ---- cancellation --------------------------------------------------------- */

static void test_cancel_runs_cleanup_innermost_first(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *w = waiter("outer", waiter("inner", worker("a", 5, 0, &log),
                                        NULL, &log),
                        NULL, &log);
    assert_int_equal(cy_task_step(w), 1);
    assert_int_equal(cy_task_step(w), 1);
    assert_int_equal(cy_task_cancel(w), 0);
    assert_int_equal(cy_task_status(w), CY_CANCELLED);
    assert_int_equal(cy_task_error(w), -ECANCELED);
    assert_ptr_equal(w->link, w);
    assert_int_equal(cy_task_cancel(w), -EINVAL);
    assert_string_equal(log.buf, "outer awaits\ninner awaits\na 0\na 1\n"
                                 "a cleanup\ninner cleanup\nouter cleanup\n");
    char buf[64];
    cy_task_repr(w, buf, sizeof buf);
    assert_string_equal(buf, "<Task 'waiter' [CANCELLED]>");
    cy_task_free(w); /* the inner frames are gone already */
}

static void test_cancel_new_task(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *a = worker("a", 1, 0, &log);
    assert_int_equal(cy_task_cancel(a), 0);
    assert_string_equal(log.buf, ""); /* never started: no cleanup */
    assert_int_equal(cy_task_step(a), -EINVAL);
    cy_task_free(a);
    assert_int_equal(cy_task_cancel(NULL), -EINVAL);
}

static void test_free_suspended_task_cancels(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *a = worker("a", 3, 0, &log);
    assert_int_equal(cy_task_step(a), 1);
    cy_task_free(a);
    assert_string_equal(log.buf, "a 0\na cleanup\n");
}

static void test_cancel_sleeping_task_wakes_its_waiters(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *s = waiter("s", cy_sleep(&loop, 100), &loop, &log);
    assert_int_equal(cy_loop_launch(&loop, s), 0);
    cy_task *w = waiter("w", s, &loop, &log);
    assert_int_equal(cy_loop_launch(&loop, w), 0);
    /* a third task cancels s after one round */
    cy_task *c = worker("c", 1, 0, &log);
    assert_int_equal(cy_loop_launch(&loop, c), 0);
    assert_int_equal(cy_loop_run_until_complete(&loop, c), 0);
    assert_int_equal(loop.ntimers, 1);
    assert_int_equal(cy_task_cancel(s), 0);
    assert_int_equal(loop.ntimers, 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_true(cy_loop_time(&loop) < 1); /* nobody slept */
    assert_int_equal(cy_task_status(w), CY_CANCELLED);
    assert_string_equal(log.buf, "s awaits\nw awaits\nc 0\nc cleanup\n"
                                 "s cleanup\nw failed 125 -\nw cleanup\n");
    cy_task_free(s);
    cy_task_free(w);
    cy_task_free(c);
    cy_loop_close(&loop);
}

static void test_cancel_waiting_task_cancels_awaited(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *a = worker("a", 100, 0, &log);
    assert_int_equal(cy_loop_launch(&loop, a), 0);
    cy_task *w = waiter("w", a, NULL, &log);
    assert_int_equal(cy_loop_launch(&loop, w), 0);
    cy_task *c = worker("c", 2, 0, &log);
    assert_int_equal(cy_loop_run_until_complete(&loop, c), 0);
    /* w is parked on a; cancelling w cancels a, as asyncio does */
    assert_int_equal(cy_task_cancel(w), 0);
    assert_int_equal(cy_task_status(a), CY_CANCELLED);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "a 0\nw awaits\nc 0\na 1\nc 1\na 2\n"
                                 "c cleanup\na cleanup\nw cleanup\n");
    cy_task_free(a);
    cy_task_free(w);
    cy_task_free(c);
    cy_loop_close(&loop);
}

static void test_free_launched_task_leaves_it_to_the_loop(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *a = worker("a", 10, 0, &log);
    cy_task *s = waiter("s", cy_sleep(&loop, 5), &loop, &log);
    assert_int_equal(cy_loop_launch(&loop, a), 0);
    assert_int_equal(cy_loop_launch(&loop, s), 0);
    cy_task *c = worker("c", 1, 0, &log);
    assert_int_equal(cy_loop_run_until_complete(&loop, c), 0);
    cy_task_free(a); /* queued: cancelled, the loop frees it */
    cy_task_free(s); /* parked on a timer: the same */
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(loop.count + loop.parked + loop.ntimers, 0);
    assert_string_equal(log.buf, "a 0\ns awaits\nc 0\na 1\nc cleanup\n"
                                 "a cleanup\ns cleanup\n");
    cy_task_free(c);
    cy_loop_close(&loop);
}

/* ---- time ----------------------------------------------------------------- */

static void test_sleep_order_and_virtual_time(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    assert_true(cy_loop_time(&loop) == 0);
    static const double delays[] = { 3, 1, 2, 1, 0 };
    static const char *const names[] = { "three", "one", "two", "one'",
                                         "zero" };
    for (int i = 0; i < 5; i++)
        assert_int_equal(cy_loop_schedule(&loop, waiter(names[i],
                             cy_sleep(&loop, delays[i]), &loop, &log)), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
        "three awaits\none awaits\ntwo awaits\none' awaits\nzero awaits\n"
        "zero done at 0\nzero cleanup\n"
        "one done at 1\none cleanup\none' done at 1\none' cleanup\n"
        "two done at 2\ntwo cleanup\nthree done at 3\nthree cleanup\n");
    assert_true(cy_loop_time(&loop) == 3);
    cy_loop_close(&loop);
}

static void test_time_scale(void **state)
{
    (void)state;
    cy_loop loop;
    virtual_loop(&loop);
    assert_int_equal(cy_loop_set_time_scale(&loop, 0), -EINVAL);
    assert_int_equal(cy_loop_set_time_scale(&loop, -1), -EINVAL);
    assert_int_equal(cy_loop_set_time_scale(NULL, 1), -EINVAL);
    assert_int_equal(cy_loop_set_time_scale(&loop, 0.001), 0);
    cy_task *s = waiter("s", cy_sleep(&loop, 250), &loop, NULL);
    assert_int_equal(cy_loop_run_until_complete(&loop, s), 0);
    assert_true(cy_loop_time(&loop) > 249.999 && cy_loop_time(&loop) < 250.001);
    cy_task_free(s);
    cy_loop_close(&loop);
}

static void test_real_clock_sleeps(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    assert_int_equal(cy_loop_set_time_scale(&loop, 0.001), 0); /* 1 ms */
    cy_task *s = waiter("s", cy_sleep(&loop, 20), &loop, NULL);
    double t0 = cy_loop_time(&loop);
    assert_int_equal(cy_loop_run_until_complete(&loop, s), 0);
    double dt = cy_loop_time(&loop) - t0;
    assert_true(dt >= 20 && dt < 2000);
    cy_task_free(s);
    cy_loop_close(&loop);
}

static void test_sleep_polled_by_hand(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    assert_int_equal(cy_loop_set_time_scale(&loop, 0.0001), 0);
    cy_task *s = waiter("s", cy_sleep(&loop, 10), NULL, NULL);
    int steps = 0;
    while (cy_task_step(s) == 1)
        steps++;
    assert_true(steps >= 1);
    assert_int_equal(cy_task_status(s), CY_FINISHED);
    assert_int_equal(loop.ntimers, 0); /* nothing was armed */
    assert_true(cy_loop_time(&loop) >= 10);
    cy_task_free(s);
    cy_loop_close(&loop);
}

static void test_null_loop(void **state)
{
    (void)state;
    assert_int_equal(cy_loop_launch(NULL, NULL), -EINVAL);
    assert_true(cy_loop_time(NULL) == 0);
}

/* ---- bad arguments: every wait says no the same way ------------------------ */

/* x is what a wait factory returned for a bad argument: a task already
 * failed with -EINVAL (never NULL, which an await reports as -ENOMEM);
 * awaiting it, by hand and on a loop, fails with -EINVAL at once, and
 * freeing it is harmless. */
static void check_einval(cy_task *x, cy_loop *loop, const char *what)
{
    struct log log = { .len = 0 };
    if (!x)
        fail_msg("%s returned NULL", what);
    assert_int_equal(cy_task_status(x), CY_ERROR);
    assert_int_equal(cy_task_error(x), -EINVAL);
    assert_int_equal(cy_task_done(x), 1);
    cy_task *w = waiter("w", x, NULL, &log);
    assert_int_equal(cy_task_step(w), 0); /* no suspension */
    assert_int_equal(cy_task_status(w), CY_ERROR);
    assert_int_equal(cy_task_error(w), -EINVAL);
    cy_task_free(w);
    w = waiter("l", x, NULL, &log);
    assert_int_equal(cy_loop_run_until_complete(loop, w), 0);
    assert_int_equal(cy_task_error(w), -EINVAL);
    cy_task_free(w);
    /* the loop calls take it as a done task, and write nothing to it (it
     * is a static const: a write would crash) */
    assert_int_equal(cy_loop_run_until_complete(loop, x), 0);
    cy_task *two[2] = { x, x };
    assert_int_equal(cy_loop_wait(loop, two, 2), 0);
    assert_int_equal(cy_loop_schedule(loop, x), -EINVAL);
    assert_int_equal(cy_loop_launch(loop, x), -EINVAL);
    assert_int_equal(cy_task_cancel(x), -EINVAL);
    assert_int_equal(cy_task_step(x), -EINVAL);
    cy_task_free(x); /* nothing to free, nothing written */
    assert_int_equal(cy_task_error(x), -EINVAL);
    assert_string_equal(log.buf, "w awaits\nw failed 22 -\nw cleanup\n"
                                 "l awaits\nl failed 22 -\nl cleanup\n");
}

static void test_bad_arguments(void **state)
{
    (void)state;
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *none[2] = { NULL, NULL };
    cy_task *t = worker("t", 1, 0, NULL);
    cy_task *one[2] = { t, NULL };
    cy_lock l = CY_LOCK_INIT;
    cy_sem s;
    cy_event e = CY_EVENT_INIT;
    cy_future f;
    assert_int_equal(cy_sem_init(&s, 0), 0);
    assert_int_equal(cy_future_init(&f, NULL, 0), 0);
    check_einval(cy_sleep(NULL, 1), &loop, "cy_sleep(NULL)");
    check_einval(cy_wait(NULL, NULL, 0, -1, CY_ALL_COMPLETED), &loop,
                 "cy_wait(NULL loop)");
    check_einval(cy_wait(&loop, NULL, 1, -1, CY_ALL_COMPLETED), &loop,
                 "cy_wait(NULL tasks)");
    check_einval(cy_wait(&loop, none, 1, -1, CY_ALL_COMPLETED), &loop,
                 "cy_wait(NULL task)");
    check_einval(cy_wait(&loop, one, 2, -1, CY_FIRST_COMPLETED), &loop,
                 "cy_wait(a NULL task after a good one)");
    check_einval(cy_wait(&loop, one, 1, -1, 3), &loop, "cy_wait(mode 3)");
    check_einval(cy_wait(&loop, one, 1, -1, -1), &loop, "cy_wait(mode -1)");
    check_einval(cy_wait(&loop, one, SIZE_MAX / 2, -1, CY_ALL_COMPLETED),
                 &loop, "cy_wait(n too large)");
    check_einval(cy_gather(NULL, one, 1), &loop, "cy_gather(NULL loop)");
    check_einval(cy_gather(&loop, NULL, 2), &loop, "cy_gather(NULL tasks)");
    check_einval(cy_gather(&loop, one, 2), &loop, "cy_gather(NULL task)");
    check_einval(cy_wait_for(NULL, t, 1), &loop, "cy_wait_for(NULL loop)");
    check_einval(cy_wait_for(&loop, NULL, 1), &loop, "cy_wait_for(NULL)");
    check_einval(cy_readable(NULL, 0), &loop, "cy_readable(NULL)");
    check_einval(cy_writable(NULL, 1), &loop, "cy_writable(NULL)");
    check_einval(cy_lock_acquire(NULL, &l), &loop, "cy_lock_acquire(NULL)");
    check_einval(cy_lock_acquire(&loop, NULL), &loop, "cy_lock_acquire(, NULL)");
    check_einval(cy_sem_acquire(NULL, &s), &loop, "cy_sem_acquire(NULL)");
    check_einval(cy_sem_acquire(&loop, NULL), &loop, "cy_sem_acquire(, NULL)");
    check_einval(cy_event_wait(NULL, &e), &loop, "cy_event_wait(NULL)");
    check_einval(cy_event_wait(&loop, NULL), &loop, "cy_event_wait(, NULL)");
    check_einval(cy_future_wait(NULL, &f), &loop, "cy_future_wait(NULL)");
    check_einval(cy_future_wait(&loop, NULL), &loop, "cy_future_wait(, NULL)");
    /* the queues, streams, connections, servers and thread pool say no the
     * same way */
    int item = 0;
    char buf[4];
    size_t got;
    cy_queue *q = cy_queue_new(sizeof(int), 0, CY_QUEUE_FIFO, NULL);
    assert_non_null(q);
    check_einval(cy_queue_put(NULL, q, &item), &loop, "cy_queue_put(NULL)");
    check_einval(cy_queue_put(&loop, q, NULL), &loop, "cy_queue_put(, , NULL)");
    check_einval(cy_queue_get(&loop, NULL, &item), &loop, "cy_queue_get(, NULL)");
    check_einval(cy_queue_join(NULL, q), &loop, "cy_queue_join(NULL)");
    check_einval(cy_stream_read(NULL, buf, sizeof buf, &got), &loop, "cy_stream_read(NULL)");
    check_einval(cy_stream_readline(NULL, buf, sizeof buf, &got), &loop,
                 "cy_stream_readline(NULL)");
    check_einval(cy_stream_drain(NULL), &loop, "cy_stream_drain(NULL)");
    check_einval(cy_open_connection(NULL, "localhost", 1, NULL), &loop,
                 "cy_open_connection(NULL)");
    check_einval(cy_open_connection(&loop, NULL, 1, NULL), &loop,
                 "cy_open_connection(, NULL)");
    check_einval(cy_open_unix_connection(&loop, NULL, NULL), &loop,
                 "cy_open_unix_connection(, NULL)");
    check_einval(cy_start_server(&loop, NULL, NULL, 0, NULL), &loop,
                 "cy_start_server(, NULL handler)");
    check_einval(cy_start_unix_server(&loop, NULL, NULL, NULL), &loop,
                 "cy_start_unix_server(, , NULL)");
    check_einval(cy_to_thread(NULL, NULL, NULL), &loop, "cy_to_thread(NULL)");
    cy_queue_free(q);
    /* none of these touched t, the primitives or the loop */
    assert_int_equal(cy_task_status(t), CY_NEW);
    assert_int_equal(cy_lock_locked(&l), 0);
    assert_int_equal(cy_future_done(&f), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    /* the good calls still work: an empty wait finishes */
    cy_task *x = cy_wait(&loop, NULL, 0, -1, CY_ALL_COMPLETED);
    assert_non_null(x);
    assert_int_equal(cy_task_status(x), CY_NEW);
    cy_task_free(x);
    cy_task_free(t);
    cy_sem_destroy(&s);
    cy_future_destroy(&f);
    cy_loop_close(&loop);
}

/* ---- cy_wait, cy_gather, cy_wait_for --------------------------------------- */

static void test_wait_modes(void **state)
{
    (void)state;
    static const int modes[] = { CY_FIRST_COMPLETED, CY_FIRST_EXCEPTION,
                                 CY_ALL_COMPLETED };
    static const char *const expect[] = {
        "a cleanup\nw awaits\nb 0\nc 0\nb cleanup\nc 1\nw done at 0\n"
        "w cleanup\n",
        "a cleanup\nw awaits\nb 0\nc 0\nb cleanup\nc 1\nc cleanup\n"
        "w done at 0\nw cleanup\n",
        "a cleanup\nw awaits\nb 0\nc 0\nb cleanup\nc 1\nc cleanup\n"
        "w done at 0\nw cleanup\n",
    };
    for (int m = 0; m < 3; m++) {
        struct log log = { .len = 0 };
        cy_loop loop;
        virtual_loop(&loop);
        cy_task *t[3] = { worker("a", 0, 0, &log), worker("b", 1, 0, &log),
                          worker("c", 2, EIO, &log) };
        assert_int_equal(cy_task_step(t[0]), 0); /* done already */
        /* FIRST_COMPLETED counts a task done at the start */
        int mode = modes[m];
        if (mode == CY_FIRST_COMPLETED) {
            cy_task_free(t[0]);
            t[0] = worker("a", 5, 0, NULL);
        }
        cy_task *w = waiter("w", cy_wait(&loop, t, 3, -1, mode), &loop, &log);
        assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
        assert_int_equal(cy_task_status(w), CY_FINISHED);
        assert_string_equal(log.buf, expect[m]);
        assert_int_equal(cy_task_status(t[1]), CY_FINISHED);
        if (mode == CY_FIRST_COMPLETED)
            assert_false(cy_task_done(t[2])); /* pending */
        else
            assert_int_equal(cy_task_status(t[2]), CY_ERROR);
        cy_task_free(w);
        for (int i = 0; i < 3; i++)
            cy_task_free(t[i]); /* pending ones: cancelled, the loop frees */
        assert_int_equal(cy_loop_run(&loop), 0);
        cy_loop_close(&loop);
    }
}

static void test_wait_timeout(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *t[2] = { waiter("s1", cy_sleep(&loop, 1), NULL, &log),
                      waiter("s9", cy_sleep(&loop, 9), NULL, &log) };
    cy_task *w = waiter("w", cy_wait(&loop, t, 2, 4, CY_ALL_COMPLETED),
                        &loop, &log);
    assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
    assert_int_equal(cy_task_status(w), CY_FINISHED); /* a timeout is fine */
    assert_true(cy_loop_time(&loop) == 4);
    assert_int_equal(cy_task_status(t[0]), CY_FINISHED);
    assert_int_equal(cy_task_status(t[1]), CY_RUNNING);
    /* the pending task goes on running */
    assert_int_equal(cy_loop_run_until_complete(&loop, t[1]), 0);
    assert_true(cy_loop_time(&loop) == 9);
    assert_string_equal(log.buf, "w awaits\ns1 awaits\ns9 awaits\ns1 done\n"
                                 "s1 cleanup\nw done at 4\nw cleanup\n"
                                 "s9 done\ns9 cleanup\n");
    cy_task_free(w);
    cy_task_free(t[0]);
    cy_task_free(t[1]);
    cy_loop_close(&loop);
}

static void test_wait_empty_and_bad(void **state)
{
    (void)state;
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *w = waiter("w", cy_wait(&loop, NULL, 0, -1, CY_ALL_COMPLETED),
                        NULL, NULL);
    assert_int_equal(cy_task_step(w), 0);
    assert_int_equal(cy_task_status(w), CY_FINISHED);
    cy_task_free(w);
    cy_task *none[1] = { NULL };
    w = waiter("w", cy_wait(&loop, none, 1, -1, CY_ALL_COMPLETED), NULL,
               NULL);
    assert_int_equal(cy_task_step(w), 0);
    assert_int_equal(cy_task_error(w), -EINVAL);
    cy_task_free(w);
    cy_loop_close(&loop);
}

static void test_wait_polled_by_hand(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *a = worker("a", 2, 0, &log);
    cy_task *w = waiter("w", cy_wait(&loop, &a, 1, -1, CY_ALL_COMPLETED),
                        NULL, &log);
    /* w is not on the loop: it polls, the loop runs a (launched by wait) */
    assert_int_equal(cy_task_step(w), 1);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(cy_task_step(w), 0);
    assert_string_equal(log.buf, "w awaits\na 0\na 1\na cleanup\nw done\n"
                                 "w cleanup\n");
    cy_task_free(w);
    cy_task_free(a);
    cy_loop_close(&loop);
}

static void test_gather(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *t[2] = { worker("a", 1, 0, &log), worker("b", 2, 0, &log) };
    cy_task *w = waiter("w", cy_gather(&loop, t, 2), NULL, &log);
    assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
    assert_int_equal(cy_task_status(w), CY_FINISHED);
    assert_int_equal(CY_RESULT(t[0], int) + CY_RESULT(t[1], int), 3);
    cy_task_free(w);
    cy_task_free(t[0]);
    cy_task_free(t[1]);

    /* a failure ends the gather at once, with the task's error and message */
    log.len = 0;
    log.buf[0] = '\0';
    t[0] = worker("a", 5, 0, &log);
    t[1] = worker("b", 1, ENOENT, &log);
    w = waiter("w", cy_gather(&loop, t, 2), NULL, &log);
    assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
    assert_int_equal(cy_task_status(w), CY_ERROR);
    assert_int_equal(cy_task_error(w), -ENOENT);
    assert_string_equal(cy_task_message(w), "worker failed");
    assert_false(cy_task_done(t[0]));
    /* b fails at its second step; w, woken, runs after a's third */
    assert_string_equal(log.buf, "w awaits\na 0\nb 0\na 1\nb cleanup\n"
                                 "a 2\nw failed 2 worker failed\n"
                                 "w cleanup\n");
    cy_task_free(w);
    cy_task_free(t[0]);
    cy_task_free(t[1]);
    assert_int_equal(cy_loop_run(&loop), 0);
    cy_loop_close(&loop);
}

static void test_cancel_gather_cancels_tasks(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *t[2] = { worker("a", 9, 0, &log), worker("b", 9, 0, &log) };
    cy_task *w = waiter("w", cy_gather(&loop, t, 2), NULL, &log);
    assert_int_equal(cy_loop_launch(&loop, w), 0);
    cy_task *c = worker("c", 1, 0, NULL);
    assert_int_equal(cy_loop_run_until_complete(&loop, c), 0);
    assert_int_equal(cy_task_cancel(w), 0);
    assert_int_equal(cy_task_status(t[0]), CY_CANCELLED);
    assert_int_equal(cy_task_status(t[1]), CY_CANCELLED);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "w awaits\na 0\nb 0\na cleanup\n"
                                 "b cleanup\nw cleanup\n");
    cy_task_free(w);
    cy_task_free(t[0]);
    cy_task_free(t[1]);
    cy_task_free(c);
    cy_loop_close(&loop);
}

static void test_wait_for(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    /* in time */
    cy_task *s = waiter("s", cy_sleep(&loop, 2), NULL, &log);
    cy_task *w = waiter("w", cy_wait_for(&loop, s, 3), &loop, &log);
    assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
    assert_int_equal(cy_task_status(w), CY_FINISHED);
    assert_true(cy_loop_time(&loop) == 2);
    cy_task_free(w);
    cy_task_free(s);
    /* too late: the task is cancelled, wait_for fails with -ETIMEDOUT */
    s = waiter("s", cy_sleep(&loop, 5), NULL, &log);
    w = waiter("w", cy_wait_for(&loop, s, 3), &loop, &log);
    assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
    assert_int_equal(cy_task_status(w), CY_ERROR);
    assert_int_equal(cy_task_error(w), -ETIMEDOUT);
    assert_int_equal(cy_task_status(s), CY_CANCELLED);
    assert_true(cy_loop_time(&loop) == 5);
    char buf[80];
    cy_task_repr(w, buf, sizeof buf);
    assert_string_equal(buf,
                        "<Task 'waiter' [ERROR] (error: Connection timed out)>");
    assert_string_equal(log.buf,
        "w awaits\ns awaits\ns done\ns cleanup\nw done at 2\nw cleanup\n"
        "w awaits\ns awaits\ns cleanup\nw failed 110 -\nw cleanup\n");
    cy_task_free(w);
    cy_task_free(s);
    assert_int_equal(cy_loop_run(&loop), 0);
    cy_loop_close(&loop);
}

/* ---- the loop --------------------------------------------------------------- */

static void test_deadlock(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    /* a awaits b which awaits a */
    struct waiter__frame *a = (struct waiter__frame *)waiter("a", NULL, NULL,
                                                             &log);
    struct waiter__frame *b = (struct waiter__frame *)waiter("b", &a->cy_task,
                                                             NULL, &log);
    a->aw = &b->cy_task;
    assert_int_equal(cy_loop_launch(&loop, &a->cy_task), 0);
    assert_int_equal(cy_loop_launch(&loop, &b->cy_task), 0);
    assert_int_equal(cy_loop_run(&loop), -EDEADLK);
    assert_int_equal(loop.parked, 2);
    assert_int_equal(cy_loop_wait(&loop, NULL, 0), 0);
    /* closing cancels them (each cancels what it awaits) */
    cy_loop_close(&loop);
    assert_int_equal(cy_task_status(&a->cy_task), CY_CANCELLED);
    assert_int_equal(cy_task_status(&b->cy_task), CY_CANCELLED);
    cy_task_free(&a->cy_task);
    cy_task_free(&b->cy_task);
}

static void test_close_with_parked_tasks(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *mine = worker("mine", 9, 0, &log);
    assert_int_equal(cy_loop_launch(&loop, mine), 0);
    assert_int_equal(cy_loop_schedule(&loop, waiter("s",
                         cy_sleep(&loop, 10), NULL, &log)), 0);
    assert_int_equal(cy_loop_schedule(&loop, waiter("w", mine, NULL, &log)),
                     0);
    cy_task *t[1] = { worker("g", 9, 0, &log) };
    assert_int_equal(cy_loop_schedule(&loop, waiter("gw",
                         cy_gather(&loop, t, 1), NULL, &log)), 0);
    cy_task *c = worker("c", 2, 0, NULL);
    assert_int_equal(cy_loop_run_until_complete(&loop, c), 0);
    cy_loop_close(&loop);
    /* every task cancelled, the loop's freed, the caller's left */
    assert_int_equal(cy_task_status(mine), CY_CANCELLED);
    assert_int_equal(cy_task_status(t[0]), CY_CANCELLED);
    assert_null(loop.rd);
    assert_null(loop.timers);
    cy_task_free(mine);
    cy_task_free(t[0]);
    cy_task_free(c);
    /* a closed loop can be used again */
    assert_int_equal(cy_loop_schedule(&loop, worker("x", 1, 0, NULL)), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    cy_loop_close(&loop);
}

static void test_many_timers_and_waiters(void **state)
{
    (void)state;
    enum { N = 300 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *t[N];
    /* sleepers in a scrambled order, each awaited by a launched waiter;
     * they must wake in time order */
    for (int i = 0; i < N; i++) {
        double d = (double)((i * 37) % N);
        t[i] = waiter("s", cy_sleep(&loop, d), NULL, NULL);
        assert_int_equal(cy_loop_launch(&loop, t[i]), 0);
        assert_int_equal(cy_loop_schedule(&loop, waiter("w", t[i], NULL,
                                                        NULL)), 0);
    }
    cy_task *g = cy_gather(&loop, t, N);
    cy_task *w = waiter("g", g, &loop, NULL);
    assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
    assert_int_equal(cy_task_status(w), CY_FINISHED);
    assert_true(cy_loop_time(&loop) == N - 1);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(loop.wcount, 0);
    for (int i = 0; i < N; i++)
        cy_task_free(t[i]);
    cy_task_free(w);
    cy_loop_close(&loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_await_adopts_new_task),
        cmocka_unit_test(test_await_done_task_does_not_suspend),
        cmocka_unit_test(test_await_launched_task_parks),
        cmocka_unit_test(test_await_failed_task),
        cmocka_unit_test(test_await_loop_owned_task),
        cmocka_unit_test(test_message_without_slot),
        cmocka_unit_test(test_cancel_runs_cleanup_innermost_first),
        cmocka_unit_test(test_cancel_new_task),
        cmocka_unit_test(test_free_suspended_task_cancels),
        cmocka_unit_test(test_cancel_sleeping_task_wakes_its_waiters),
        cmocka_unit_test(test_cancel_waiting_task_cancels_awaited),
        cmocka_unit_test(test_free_launched_task_leaves_it_to_the_loop),
        cmocka_unit_test(test_sleep_order_and_virtual_time),
        cmocka_unit_test(test_time_scale),
        cmocka_unit_test(test_real_clock_sleeps),
        cmocka_unit_test(test_sleep_polled_by_hand),
        cmocka_unit_test(test_null_loop),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_wait_modes),
        cmocka_unit_test(test_wait_timeout),
        cmocka_unit_test(test_wait_empty_and_bad),
        cmocka_unit_test(test_wait_polled_by_hand),
        cmocka_unit_test(test_gather),
        cmocka_unit_test(test_cancel_gather_cancels_tasks),
        cmocka_unit_test(test_wait_for),
        cmocka_unit_test(test_deadlock),
        cmocka_unit_test(test_close_with_parked_tasks),
        cmocka_unit_test(test_many_timers_and_waiters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
