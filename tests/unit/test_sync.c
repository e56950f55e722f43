/*
 * test_sync.c - unit tests of the synchronisation primitives: cy_lock,
 * cy_sem, cy_event, cy_future (cmocka).
 *
 * Hand-written frames, with frames.h (the shape coroc emits: docs/generated-code.md,
 * docs/language.md: `await` on a task handle, defer cleanup on
 * CY_STATE_CANCEL).  The loop's clock is virtual: times are exact.
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

static cy_loop *virtual_loop(cy_loop *loop)
{
    assert_int_equal(cy_loop_init(loop), 0);
    assert_int_equal(cy_loop_set_virtual_time(loop, 1), 0);
    return loop;
}

static size_t queued(const struct cy_waitq_ *q)
{
    size_t n = 0;
    for (const struct cy_syncw_ *w = q->head; w; w = w->next)
        n++;
    return n;
}

/* ---- coroutine void user(name, kind, prim, loop, hold, rounds, log):
 *        for (i = 0; i < rounds; i++) {
 *            sayf("%s wants");
 *            await <acquire or wait>(loop, prim);   (fails in turn)
 *            holding = 1; sayf("%s got at %g");
 *            if (hold >= 0) await cy_sleep(loop, hold);
 *            release; holding = 0;
 *        }
 *      with a cleanup that releases what it holds and logs "%s cleanup" --- */

enum { LOCK, SEM, EVENT, FUTURE };

/* Optional: counts the tasks inside and checks that they get in in the
 * order they asked (a ticket per wait). */
struct gauge {
    int inside, max;
    long tickets, last_in;
};

struct user__frame {
    cy_task cy_task;
    const char *cy_errmsg;
    uint32_t cy_defer;
    const char *name;
    int kind;
    void *prim;
    cy_loop *loop;
    double hold;
    int rounds, i, holding;
    struct log *log;
    cy_task *aw;
    struct gauge *g;
    long ticket;
};
FRAME_DESC(user, FRAME_ERRMSG(user));
static cy_task *user(const char *name, int kind, void *prim, cy_loop *loop,
                     double hold, int rounds, struct log *log)
{
    FRAME_NEW(user);
    cy_f->name = name;
    cy_f->kind = kind;
    cy_f->prim = prim;
    cy_f->loop = loop;
    cy_f->hold = hold;
    cy_f->rounds = rounds;
    cy_f->log = log;
    return FRAME_TASK;
}
static void user_release(struct user__frame *cy_f)
{
    if (cy_f->kind == LOCK)
        assert_int_equal(cy_lock_release(cy_f->prim), 0);
    else if (cy_f->kind == SEM)
        assert_int_equal(cy_sem_release(cy_f->prim), 0);
    cy_f->holding = 0;
    if (cy_f->g)
        cy_f->g->inside--;
}
FRAME_RESUME(user)
{
    FRAME_SWITCH(user)
    FRAME_AT(1)
    FRAME_AT(2)
    FRAME_CANCEL_CLEANS
    cy_f->cy_defer |= 1;
    for (cy_f->i = 0; cy_f->i < cy_f->rounds; cy_f->i++) {
        sayf(cy_f->log, "%s wants", cy_f->name);
        if (cy_f->g)
            cy_f->ticket = cy_f->g->tickets++;
        switch (cy_f->kind) {
        case LOCK: cy_f->aw = cy_lock_acquire(cy_f->loop, cy_f->prim); break;
        case SEM: cy_f->aw = cy_sem_acquire(cy_f->loop, cy_f->prim); break;
        case EVENT: cy_f->aw = cy_event_wait(cy_f->loop, cy_f->prim); break;
        default: cy_f->aw = cy_future_wait(cy_f->loop, cy_f->prim); break;
        }
        if (!cy_f->aw) {
            cy_t->err = -ENOMEM;
            cy_t->status = CY_ERROR;
            goto cy_cleanup;
        }
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
        cy_await_release(cy_f->aw);
        cy_f->holding = cy_f->kind == LOCK || cy_f->kind == SEM;
        if (cy_f->g) {
            assert_true(cy_f->ticket > cy_f->g->last_in);
            cy_f->g->last_in = cy_f->ticket;
            if (++cy_f->g->inside > cy_f->g->max)
                cy_f->g->max = cy_f->g->inside;
        }
        if (cy_f->kind == FUTURE &&
            ((cy_future *)cy_f->prim)->size == sizeof(int))
            sayf(cy_f->log, "%s got %d at %g", cy_f->name,
                 CY_FUTURE_RESULT((cy_future *)cy_f->prim, int),
                 cy_loop_time(cy_f->loop));
        else
            sayf(cy_f->log, "%s got at %g", cy_f->name,
                 cy_loop_time(cy_f->loop));
        if (cy_f->hold >= 0) {
            cy_f->aw = cy_sleep(cy_f->loop, cy_f->hold);
            assert_non_null(cy_f->aw);
            FRAME_AWAIT_HANDLE(2, cy_f->aw);
            assert_int_equal(cy_f->aw->status, CY_FINISHED);
            cy_await_release(cy_f->aw);
        }
        if (cy_f->holding)
            user_release(cy_f);
    }
cy_cleanup:
    if (cy_f->cy_defer & 1) {
        if (cy_f->holding) {
            sayf(cy_f->log, "%s gives back", cy_f->name);
            user_release(cy_f);
        }
        sayf(cy_f->log, "%s cleanup", cy_f->name);
    }
    cy_f->cy_defer = 0;
    return cy_t;
}

/* Launch the n tasks in order. */
static void launch_all(cy_loop *loop, cy_task **t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_non_null(t[i]);
        assert_int_equal(cy_loop_launch(loop, t[i]), 0);
    }
}

static void free_all(cy_task **t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cy_task_free(t[i]);
}

/* Run the loop until `units` of virtual time have passed. */
static void run_for(cy_loop *loop, double units)
{
    cy_task *s = user("timer", EVENT, &(cy_event){ .set = 1 }, loop, units,
                      1, NULL);
    /* the event is a compound literal of this function's: set, it is
     * never waited on */
    assert_int_equal(cy_loop_run_until_complete(loop, s), 0);
    assert_int_equal(cy_task_status(s), CY_FINISHED);
    cy_task_free(s);
}

/* ---- the lock --------------------------------------------------------------- */

static void test_lock_fifo(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l;
    assert_int_equal(cy_lock_init(&l), 0);
    assert_false(cy_lock_locked(&l));
    cy_task *t[4] = {
        user("a", LOCK, &l, &loop, 1, 1, &log),
        user("b", LOCK, &l, &loop, 1, 1, &log),
        user("c", LOCK, &l, &loop, 1, 1, &log),
        user("d", LOCK, &l, &loop, 1, 1, &log),
    };
    launch_all(&loop, t, 4);
    run_for(&loop, 0.5);
    assert_true(cy_lock_locked(&l));
    assert_int_equal(queued(&l.waiters), 3);
    assert_int_equal(loop.parked, 4); /* a sleeps, b c d wait */
    assert_int_equal(cy_lock_try_acquire(&l), -EBUSY);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
        "a wants\na got at 0\nb wants\nc wants\nd wants\n"
        "a cleanup\nb got at 1\nb cleanup\nc got at 2\n"
        "c cleanup\nd got at 3\nd cleanup\n");
    assert_false(cy_lock_locked(&l));
    assert_null(l.waiters.head);
    assert_null(l.waiters.tail);
    assert_int_equal(loop.wcount, 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(cy_task_status(t[i]), CY_FINISHED);
    free_all(t, 4);
    /* releasing an unlocked lock */
    assert_int_equal(cy_lock_release(&l), -EPERM);
    assert_int_equal(cy_lock_try_acquire(&l), 0);
    assert_true(cy_lock_locked(&l));
    assert_int_equal(cy_lock_try_acquire(&l), -EBUSY);
    assert_int_equal(cy_lock_release(&l), 0);
    assert_int_equal(cy_lock_release(&l), -EPERM);
    cy_lock_destroy(&l);
    cy_loop_close(&loop);
}

/* A task that releases and acquires again at once goes behind the ones
 * already waiting: two tasks taking turns strictly alternate. */
static void test_lock_fairness(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l = CY_LOCK_INIT;
    cy_task *t[2] = {
        user("a", LOCK, &l, &loop, 0, 3, &log),
        user("b", LOCK, &l, &loop, 0, 3, &log),
    };
    launch_all(&loop, t, 2);
    assert_int_equal(cy_loop_wait(&loop, t, 2), 0);
    assert_string_equal(log.buf,
        "a wants\na got at 0\nb wants\n"
        "a wants\nb got at 0\n"
        "b wants\na got at 0\n"
        "a wants\nb got at 0\n"
        "b wants\na got at 0\n"
        "a cleanup\nb got at 0\nb cleanup\n");
    assert_false(cy_lock_locked(&l));
    free_all(t, 2);
    cy_loop_close(&loop);
}

/* The lock passes straight to the first waiter: a newcomer that comes
 * between the release and the waiter's turn cannot take it. */
static void test_lock_handoff(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l = CY_LOCK_INIT;
    cy_task *a = user("a", LOCK, &l, &loop, 1, 1, &log);
    cy_task *b = user("b", LOCK, &l, &loop, 1, 1, &log);
    launch_all(&loop, (cy_task *[]){ a, b }, 2);
    /* a is retired: it released the lock to b, which is queued, not run */
    assert_int_equal(cy_loop_run_until_complete(&loop, a), 0);
    assert_true(cy_lock_locked(&l));
    assert_null(l.waiters.head);
    assert_int_equal(cy_lock_try_acquire(&l), -EBUSY);
    cy_task *c = user("c", LOCK, &l, &loop, 1, 1, &log);
    assert_int_equal(cy_loop_launch(&loop, c), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
        "a wants\na got at 0\nb wants\na cleanup\n"
        "b got at 1\nc wants\nb cleanup\nc got at 2\nc cleanup\n");
    cy_task_free(a);
    cy_task_free(b);
    cy_task_free(c);
    cy_loop_close(&loop);
}

/* ---- cancellation ------------------------------------------------------------ */

static void test_cancel_waiting(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l = CY_LOCK_INIT;
    cy_task *t[4] = {
        user("a", LOCK, &l, &loop, 2, 1, &log),
        user("b", LOCK, &l, &loop, 2, 1, &log),
        user("c", LOCK, &l, &loop, 2, 1, &log),
        user("d", LOCK, &l, &loop, 2, 1, &log),
    };
    launch_all(&loop, t, 4);
    run_for(&loop, 1);
    /* c leaves the middle of the queue, d its end, b its head */
    assert_int_equal(queued(&l.waiters), 3);
    assert_int_equal(cy_task_cancel(t[2]), 0);
    assert_int_equal(queued(&l.waiters), 2);
    assert_int_equal(cy_task_status(t[2]), CY_CANCELLED);
    run_for(&loop, 2); /* b holds it from 2 */
    cy_task_free(t[3]); /* launched: cancelled, left to the loop */
    t[3] = NULL;
    assert_null(l.waiters.head);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
        "a wants\na got at 0\nb wants\nc wants\nd wants\n"
        "c cleanup\n"
        "a cleanup\nb got at 2\n"
        "d cleanup\n"
        "b cleanup\n");
    assert_false(cy_lock_locked(&l));
    assert_int_equal(loop.wcount, 0);
    assert_int_equal(loop.parked, 0);
    free_all(t, 4);
    cy_loop_close(&loop);
}

/* A waiter the lock was handed to, cancelled before it ran: the lock goes
 * on to the next waiter, not lost. */
static void test_cancel_after_handoff(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l = CY_LOCK_INIT;
    cy_sem s;
    cy_sem_init(&s, 1);
    cy_task *t[6] = {
        user("a", LOCK, &l, &loop, 1, 1, &log),
        user("b", LOCK, &l, &loop, 1, 1, &log),
        user("c", LOCK, &l, &loop, 1, 1, &log),
        user("x", SEM, &s, &loop, 1, 1, &log),
        user("y", SEM, &s, &loop, 1, 1, &log),
        user("z", SEM, &s, &loop, 1, 1, &log),
    };
    launch_all(&loop, t, 6);
    assert_int_equal(cy_loop_run_until_complete(&loop, t[0]), 0);
    assert_int_equal(cy_loop_run_until_complete(&loop, t[3]), 0);
    /* b and y hold (granted, not run yet); cancel them */
    assert_true(cy_lock_locked(&l));
    assert_int_equal(queued(&l.waiters), 1);
    assert_int_equal(cy_sem_value(&s), 0);
    assert_int_equal(cy_task_cancel(t[1]), 0);
    assert_int_equal(cy_task_cancel(t[4]), 0);
    assert_int_equal(queued(&l.waiters), 0); /* c has it now */
    assert_int_equal(queued(&s.waiters), 0); /* z has it now */
    assert_true(cy_lock_locked(&l));
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
        "a wants\na got at 0\nb wants\nc wants\n"
        "x wants\nx got at 0\ny wants\nz wants\n"
        "a cleanup\nx cleanup\n"
        "b cleanup\ny cleanup\n"
        "c got at 1\nz got at 1\nc cleanup\nz cleanup\n");
    assert_false(cy_lock_locked(&l));
    assert_int_equal(cy_sem_value(&s), 1);
    free_all(t, 6);
    cy_sem_destroy(&s);
    cy_loop_close(&loop);
}

/* A task cancelled while it holds the lock gives it back in its cleanup
 * (its `defer`), which hands it to the next waiter. */
static void test_cancel_holder(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l = CY_LOCK_INIT;
    cy_task *t[2] = {
        user("a", LOCK, &l, &loop, 5, 1, &log),
        user("b", LOCK, &l, &loop, 1, 1, &log),
    };
    launch_all(&loop, t, 2);
    run_for(&loop, 1);
    assert_int_equal(cy_task_cancel(t[0]), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
        "a wants\na got at 0\nb wants\na gives back\na cleanup\n"
        "b got at 1\nb cleanup\n");
    assert_true(cy_loop_time(&loop) == 2);
    free_all(t, 2);
    cy_loop_close(&loop);
}

/* destroy and cy_loop_close cancel the tasks still waiting. */
static void test_destroy_and_close(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l = CY_LOCK_INIT;
    cy_event e = CY_EVENT_INIT;
    assert_int_equal(cy_lock_try_acquire(&l), 0); /* never released */
    cy_task *a = user("a", LOCK, &l, &loop, 1, 1, &log);
    cy_task *b = user("b", EVENT, &e, &loop, 1, 1, &log);
    assert_int_equal(cy_loop_launch(&loop, a), 0);
    assert_int_equal(cy_loop_launch(&loop, b), 0);
    /* the loop's own tasks, freed by the loop */
    assert_int_equal(cy_loop_schedule(&loop, user("c", LOCK, &l, &loop, 1,
                                                  1, &log)), 0);
    assert_int_equal(cy_loop_schedule(&loop, user("d", EVENT, &e, &loop, 1,
                                                  1, &log)), 0);
    assert_int_equal(cy_loop_run(&loop), -EDEADLK);
    assert_int_equal(loop.parked, 4);
    assert_int_equal(loop.wcount, 4);
    cy_event_destroy(&e); /* b and d */
    assert_int_equal(cy_task_status(b), CY_CANCELLED);
    assert_null(e.waiters.head);
    cy_loop_close(&loop); /* a and c */
    assert_int_equal(cy_task_status(a), CY_CANCELLED);
    assert_null(l.waiters.head);
    assert_null(l.waiters.tail);
    assert_true(cy_lock_locked(&l));
    /* the loop cancels a and c in the order of its waiter table */
    assert_true(strcmp(log.buf, "a wants\nb wants\nc wants\nd wants\n"
                                "b cleanup\nd cleanup\na cleanup\n"
                                "c cleanup\n") == 0 ||
                strcmp(log.buf, "a wants\nb wants\nc wants\nd wants\n"
                                "b cleanup\nd cleanup\nc cleanup\n"
                                "a cleanup\n") == 0);
    cy_lock_destroy(&l);
    cy_task_free(a);
    cy_task_free(b);
}

/* destroy with tasks stepped by hand waiting. */
static void test_destroy_by_hand(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_sem s;
    cy_sem_init(&s, 0);
    cy_task *a = user("a", SEM, &s, &loop, 0, 1, &log);
    assert_int_equal(cy_task_step(a), 1);
    assert_int_equal(cy_task_step(a), 1);
    assert_int_equal(queued(&s.waiters), 1);
    cy_sem_destroy(&s);
    assert_int_equal(cy_task_status(a), CY_CANCELLED);
    assert_null(s.waiters.head);
    assert_string_equal(log.buf, "a wants\na cleanup\n");
    cy_task_free(a);
    cy_loop_close(&loop);
}

/* ---- tasks stepped by hand: they poll ------------------------------------------ */

static void test_lock_by_hand(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l = CY_LOCK_INIT;
    cy_task *a = user("a", LOCK, &l, &loop, 0, 1, &log);
    cy_task *b = user("b", LOCK, &l, &loop, 0, 1, &log);
    assert_int_equal(cy_task_step(a), 1); /* holds it, sleep(0) */
    assert_int_equal(cy_task_step(b), 1); /* waits */
    assert_int_equal(cy_task_step(b), 1); /* still waits */
    assert_int_equal(cy_task_step(a), 0); /* releases: b has it */
    assert_true(cy_lock_locked(&l));
    assert_int_equal(cy_task_step(b), 1); /* got it, sleep(0) */
    assert_int_equal(cy_task_step(b), 0);
    assert_false(cy_lock_locked(&l));
    assert_string_equal(log.buf, "a wants\na got at 0\nb wants\na cleanup\n"
                                 "b got at 0\nb cleanup\n");
    cy_task_free(a);
    cy_task_free(b);
    cy_loop_close(&loop);
}

/* ---- the semaphore ------------------------------------------------------------- */

static void test_sem(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_sem s;
    assert_int_equal(cy_sem_init(&s, 2), 0);
    assert_false(cy_sem_locked(&s));
    cy_task *t[5] = {
        user("a", SEM, &s, &loop, 3, 1, &log),
        user("b", SEM, &s, &loop, 1, 1, &log),
        user("c", SEM, &s, &loop, 1, 1, &log),
        user("d", SEM, &s, &loop, 1, 1, &log),
        user("e", SEM, &s, &loop, 1, 1, &log),
    };
    launch_all(&loop, t, 5);
    run_for(&loop, 0.5);
    assert_int_equal(cy_sem_value(&s), 0);
    assert_true(cy_sem_locked(&s));
    assert_int_equal(cy_sem_try_acquire(&s), -EAGAIN);
    assert_int_equal(queued(&s.waiters), 3);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
        "a wants\na got at 0\nb wants\nb got at 0\nc wants\nd wants\n"
        "e wants\n"
        "b cleanup\nc got at 1\nc cleanup\nd got at 2\n"
        "a cleanup\nd cleanup\ne got at 3\ne cleanup\n");
    assert_int_equal(cy_sem_value(&s), 2);
    free_all(t, 5);
    /* an unbounded semaphore grows, a bounded one refuses */
    assert_int_equal(cy_sem_release(&s), 0);
    assert_int_equal(cy_sem_value(&s), 3);
    assert_int_equal(cy_sem_init_bounded(&s, 1), 0);
    assert_int_equal(cy_sem_release(&s), -EOVERFLOW);
    assert_int_equal(cy_sem_try_acquire(&s), 0);
    assert_int_equal(cy_sem_try_acquire(&s), -EAGAIN);
    assert_int_equal(cy_sem_release(&s), 0);
    assert_int_equal(cy_sem_release(&s), -EOVERFLOW);
    s.value = SIZE_MAX;
    s.bound = 0;
    assert_int_equal(cy_sem_release(&s), -EOVERFLOW);
    cy_sem_destroy(&s);
    cy_loop_close(&loop);
}

/* Many tasks on a bounded semaphore of 3, some cancelled. */
static void test_sem_many(void **state)
{
    (void)state;
    enum { N = 300 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_sem s;
    cy_sem_init_bounded(&s, 3);
    cy_task *t[N];
    struct gauge g = { .last_in = -1 };
    for (int i = 0; i < N; i++) {
        t[i] = user("u", SEM, &s, &loop, (double)((i * 37) % 11), 2, NULL);
        assert_non_null(t[i]);
        ((struct user__frame *)t[i])->g = &g;
    }
    launch_all(&loop, t, N);
    /* cancel every seventh task while it waits or holds */
    run_for(&loop, 5);
    for (int i = 0; i < N; i += 7)
        cy_task_free(t[i]), t[i] = NULL;
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(cy_sem_value(&s), 3);
    assert_null(s.waiters.head);
    assert_int_equal(g.max, 3);
    assert_int_equal(g.inside, 0);
    assert_true(g.tickets > N);
    assert_int_equal(loop.wcount, 0);
    assert_int_equal(loop.parked, 0);
    for (int i = 0; i < N; i++)
        if (t[i])
            assert_int_equal(cy_task_status(t[i]), CY_FINISHED);
    free_all(t, N);
    cy_sem_destroy(&s);
    cy_loop_close(&loop);
}

/* ---- the event ------------------------------------------------------------------ */

static void test_event(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_event e;
    assert_int_equal(cy_event_init(&e), 0);
    assert_false(cy_event_is_set(&e));
    cy_task *t[3] = {
        user("a", EVENT, &e, &loop, -1, 1, &log),
        user("b", EVENT, &e, &loop, -1, 1, &log),
        user("c", EVENT, &e, &loop, -1, 1, &log),
    };
    launch_all(&loop, t, 3);
    run_for(&loop, 2);
    assert_int_equal(queued(&e.waiters), 3);
    assert_int_equal(cy_event_set(&e), 0);
    cy_event_clear(&e); /* the woken ones go on all the same */
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
        "a wants\nb wants\nc wants\n"
        "a got at 2\na cleanup\nb got at 2\nb cleanup\n"
        "c got at 2\nc cleanup\n");
    free_all(t, 3);
    /* a set event does not suspend */
    log.len = 0;
    cy_event_set(&e);
    assert_true(cy_event_is_set(&e));
    cy_task *d = user("d", EVENT, &e, &loop, -1, 1, &log);
    assert_int_equal(cy_task_step(d), 0);
    assert_string_equal(log.buf, "d wants\nd got at 2\nd cleanup\n");
    cy_task_free(d);
    cy_event_destroy(&e);
    cy_loop_close(&loop);
}

/* ---- the future ----------------------------------------------------------------- */

/* coroutine void setter(loop, fut, delay, value, err): sleeps, then sets
 * the future's result (err == 0) or error. */
struct setter__frame {
    cy_task cy_task;
    cy_loop *loop;
    cy_future *fut;
    double delay;
    int value, err;
    cy_task *aw;
};
FRAME_DESC(setter, FRAME_NO_VALUE);
static cy_task *setter(cy_loop *loop, cy_future *fut, double delay,
                       int value, int err)
{
    FRAME_NEW(setter);
    cy_f->loop = loop;
    cy_f->fut = fut;
    cy_f->delay = delay;
    cy_f->value = value;
    cy_f->err = err;
    return FRAME_TASK;
}
FRAME_RESUME(setter)
{
    FRAME_SWITCH(setter)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    cy_f->aw = cy_sleep(cy_f->loop, cy_f->delay);
    FRAME_AWAIT_HANDLE(1, cy_f->aw);
    cy_await_release(cy_f->aw);
    if (cy_f->err)
        assert_int_equal(cy_future_set_error_msg(cy_f->fut, cy_f->err,
                                                 "no luck"), 0);
    else
        assert_int_equal(CY_FUTURE_SET(cy_f->fut, int, cy_f->value), 0);
    return cy_t;
}

static void test_future_result(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_future f;
    assert_int_equal(cy_future_init(&f, NULL, sizeof(int)), 0);
    assert_false(cy_future_done(&f));
    assert_int_equal(cy_future_status(&f), CY_RUNNING);
    assert_null(cy_future_result(&f));
    cy_task *t[3] = {
        user("a", FUTURE, &f, &loop, -1, 1, &log),
        user("b", FUTURE, &f, &loop, -1, 1, &log),
        setter(&loop, &f, 3, 42, 0),
    };
    launch_all(&loop, t, 3);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "a wants\nb wants\n"
                                 "a got 42 at 3\na cleanup\n"
                                 "b got 42 at 3\nb cleanup\n");
    assert_true(cy_future_done(&f));
    assert_int_equal(cy_future_status(&f), CY_FINISHED);
    assert_int_equal(CY_FUTURE_RESULT(&f, int), 42);
    assert_int_equal(cy_future_error(&f), 0);
    assert_null(cy_future_message(&f));
    /* set once only */
    assert_int_equal(CY_FUTURE_SET(&f, int, 7), -EINVAL);
    assert_int_equal(cy_future_set_error(&f, EIO), -EINVAL);
    assert_int_equal(cy_future_cancel(&f), -EINVAL);
    assert_int_equal(CY_FUTURE_RESULT(&f, int), 42);
    /* a done future: no suspension, no allocation */
    log.len = 0;
    cy_task *c = user("c", FUTURE, &f, &loop, -1, 1, &log);
    assert_int_equal(cy_task_step(c), 0);
    assert_string_equal(log.buf, "c wants\nc got 42 at 3\nc cleanup\n");
    cy_task_free(c);
    free_all(t, 3);
    cy_future_destroy(&f);
    cy_loop_close(&loop);
}

static void test_future_error_and_cancel(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_future f;
    assert_int_equal(cy_future_init(&f, NULL, sizeof(int)), 0);
    cy_task *t[3] = {
        user("a", FUTURE, &f, &loop, -1, 1, &log),
        user("b", FUTURE, &f, &loop, -1, 1, &log),
        setter(&loop, &f, 1, 0, EIO),
    };
    launch_all(&loop, t, 3);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "a wants\nb wants\n"
                                 "a failed 5 no luck\na cleanup\n"
                                 "b failed 5 no luck\nb cleanup\n");
    assert_int_equal(cy_task_status(t[0]), CY_ERROR);
    assert_int_equal(cy_task_error(t[0]), -EIO);
    assert_string_equal(cy_task_message(t[1]), "no luck");
    char buf[128];
    cy_task_repr(t[0], buf, sizeof buf);
    assert_string_equal(buf, "<Task 'user' [ERROR] (error: Input/output "
                             "error: no luck)>");
    assert_int_equal(cy_future_status(&f), CY_ERROR);
    assert_int_equal(cy_future_error(&f), -EIO);
    assert_string_equal(cy_future_message(&f), "no luck");
    assert_null(cy_future_result(&f));
    /* a failed done future fails its awaiter at once */
    log.len = 0;
    cy_task *c = user("c", FUTURE, &f, &loop, -1, 1, &log);
    assert_int_equal(cy_task_step(c), 0);
    assert_int_equal(cy_task_error(c), -EIO);
    assert_string_equal(cy_task_message(c), "no luck");
    cy_task_free(c);
    free_all(t, 3);

    /* cancelled: the awaiters end CANCELLED */
    log.len = 0;
    assert_int_equal(cy_future_init(&f, NULL, 0), 0);
    cy_task *d = user("d", FUTURE, &f, &loop, -1, 1, &log);
    assert_int_equal(cy_loop_launch(&loop, d), 0);
    run_for(&loop, 1);
    assert_int_equal(cy_future_cancel(&f), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(cy_task_status(d), CY_CANCELLED);
    assert_int_equal(cy_task_error(d), -ECANCELED);
    assert_int_equal(cy_future_error(&f), -ECANCELED);
    assert_string_equal(log.buf, "d wants\nd failed 125 -\nd cleanup\n");
    cy_task_free(d);
    /* set_error: a positive code is negated, 0 is -EINVAL */
    assert_int_equal(cy_future_init(&f, NULL, 0), 0);
    assert_int_equal(cy_future_set_error(&f, 0), 0);
    assert_int_equal(cy_future_error(&f), -EINVAL);
    assert_null(cy_future_message(&f));
    cy_future_destroy(&f);
    cy_loop_close(&loop);
}

static void test_future_slot_and_args(void **state)
{
    (void)state;
    struct big {
        char text[100];
    } slot = { "" }, v = { "a long value" };
    cy_future f;
    assert_int_equal(cy_future_init(&f, NULL, sizeof v), -EINVAL);
    assert_int_equal(cy_future_init(&f, &slot, sizeof v), 0);
    assert_int_equal(cy_future_set_result(&f, &v, sizeof v - 1), -EINVAL);
    assert_int_equal(cy_future_set_result(&f, NULL, sizeof v), -EINVAL);
    assert_int_equal(cy_future_set_result(&f, &v, sizeof v), 0);
    assert_ptr_equal(cy_future_result(&f), &slot);
    assert_string_equal(slot.text, "a long value");
    /* a copied done future still awaits as done */
    cy_future g = f;
    cy_loop loop;
    virtual_loop(&loop);
    cy_task *a = user("a", FUTURE, &g, &loop, -1, 1, NULL);
    assert_int_equal(cy_task_step(a), 0);
    assert_int_equal(cy_task_status(a), CY_FINISHED);
    cy_task_free(a);
    cy_future_destroy(&f);
    /* a future without a value */
    assert_int_equal(cy_future_init(&f, NULL, 0), 0);
    assert_int_equal(cy_future_set_result(&f, NULL, 0), 0);
    assert_null(cy_future_result(&f));
    assert_int_equal(cy_future_status(&f), CY_FINISHED);
    /* NULL arguments */
    assert_int_equal(cy_future_init(NULL, NULL, 0), -EINVAL);
    assert_int_equal(cy_future_set_result(NULL, NULL, 0), -EINVAL);
    assert_int_equal(cy_future_set_error(NULL, EIO), -EINVAL);
    assert_int_equal(cy_future_cancel(NULL), -EINVAL);
    assert_false(cy_future_done(NULL));
    assert_null(cy_future_result(NULL));
    assert_null(cy_future_message(NULL));
    cy_future_destroy(NULL);
    cy_future_destroy(&f);
    cy_loop_close(&loop);
}

/* A future awaited by a task the loop owns, destroyed while it waits. */
static void test_future_destroy(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_future f;
    cy_future_init(&f, NULL, sizeof(int));
    assert_int_equal(cy_loop_schedule(&loop, user("a", FUTURE, &f, &loop,
                                                  -1, 1, &log)), 0);
    assert_int_equal(cy_loop_run(&loop), -EDEADLK);
    cy_future_destroy(&f);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(loop.parked, 0);
    assert_string_equal(log.buf, "a wants\na cleanup\n");
    cy_loop_close(&loop);
}

/* ---- bad arguments --------------------------------------------------------------- */

static void test_bad_arguments(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    virtual_loop(&loop);
    cy_lock l = CY_LOCK_INIT;
    /* NULL primitive: a failed task, awaited like any other */
    cy_task *x = cy_lock_acquire(&loop, NULL);
    assert_non_null(x);
    assert_int_equal(cy_task_status(x), CY_ERROR);
    assert_int_equal(cy_task_error(x), -EINVAL);
    cy_task_free(x); /* harmless */
    assert_int_equal(cy_task_cancel(x), -EINVAL);
    assert_int_equal(cy_loop_schedule(&loop, x), -EINVAL);
    assert_int_equal(cy_task_error(cy_lock_acquire(NULL, &l)), -EINVAL);
    assert_false(cy_lock_locked(&l));
    assert_int_equal(cy_task_error(cy_sem_acquire(&loop, NULL)), -EINVAL);
    assert_int_equal(cy_task_error(cy_event_wait(&loop, NULL)), -EINVAL);
    assert_int_equal(cy_task_error(cy_future_wait(&loop, NULL)), -EINVAL);
    cy_task *a = user("a", LOCK, NULL, &loop, -1, 1, &log);
    assert_int_equal(cy_task_step(a), 0);
    assert_int_equal(cy_task_error(a), -EINVAL);
    assert_string_equal(log.buf, "a wants\na failed 22 -\na cleanup\n");
    cy_task_free(a);
    /* the free lock's fast path: done at once */
    cy_task *y = cy_lock_acquire(&loop, &l);
    assert_int_equal(cy_task_status(y), CY_FINISHED);
    assert_true(cy_lock_locked(&l));
    assert_int_equal(cy_lock_release(&l), 0);
    assert_int_equal(cy_lock_init(NULL), -EINVAL);
    assert_int_equal(cy_lock_release(NULL), -EINVAL);
    assert_int_equal(cy_lock_try_acquire(NULL), -EINVAL);
    assert_int_equal(cy_sem_init(NULL, 1), -EINVAL);
    assert_int_equal(cy_sem_init_bounded(NULL, 1), -EINVAL);
    assert_int_equal(cy_sem_release(NULL), -EINVAL);
    assert_int_equal(cy_sem_try_acquire(NULL), -EINVAL);
    assert_int_equal(cy_event_init(NULL), -EINVAL);
    assert_int_equal(cy_event_set(NULL), -EINVAL);
    assert_false(cy_lock_locked(NULL));
    assert_false(cy_event_is_set(NULL));
    cy_event_clear(NULL);
    cy_lock_destroy(NULL);
    cy_sem_destroy(NULL);
    cy_event_destroy(NULL);
    cy_loop_close(&loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lock_fifo),
        cmocka_unit_test(test_lock_fairness),
        cmocka_unit_test(test_lock_handoff),
        cmocka_unit_test(test_cancel_waiting),
        cmocka_unit_test(test_cancel_after_handoff),
        cmocka_unit_test(test_cancel_holder),
        cmocka_unit_test(test_destroy_and_close),
        cmocka_unit_test(test_destroy_by_hand),
        cmocka_unit_test(test_lock_by_hand),
        cmocka_unit_test(test_sem),
        cmocka_unit_test(test_sem_many),
        cmocka_unit_test(test_event),
        cmocka_unit_test(test_future_result),
        cmocka_unit_test(test_future_error_and_cancel),
        cmocka_unit_test(test_future_slot_and_args),
        cmocka_unit_test(test_future_destroy),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
