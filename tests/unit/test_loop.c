/*
 * test_loop.c - unit tests of the event loop (cmocka).
 *
 * Hand-written frames, with frames.h (the shape coroc emits,
 * docs/generated-code.md); they write to a log owned by the test instead
 * of stdout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>

#include "coroc.h"
#include "internal.h" /* test_on_park_hook parks by hand */

#include "article_frames.h"

/* ---- coroutine const char *spam(struct log *log) ------------------------- */

struct spam__frame {
    cy_task cy_task;
    struct log *log;
    union {
        const char *cy_result;
    };
};
FRAME_DESC(spam, FRAME_RESULT(spam));
static cy_task *spam(struct log *log)
{
    FRAME_NEW(spam);
    cy_f->log = log;
    return FRAME_TASK;
}
FRAME_RESUME(spam)
{
    FRAME_SWITCH(spam)
    FRAME_AT(1)
    FRAME_AT(2)
    FRAME_AT(3)
    FRAME_CANCEL_RETURNS
    say(cy_f->log, "spam");
    FRAME_SUSPEND(1);
    say(cy_f->log, "eggs");
    FRAME_SUSPEND(2);
    say(cy_f->log, "bacon");
    FRAME_SUSPEND(3);
    FRAME_RETURN(const char *, "spam");
}

/* ---- coroutine long worker(long id, int steps, long *trace) --------------
 * records its id in *trace-order each time it runs, yields steps times,
 * returns id.  trace is an array the test owns: trace[0] is the count. */
struct worker__frame {
    cy_task cy_task;
    long id;
    int steps;
    long *trace;
    union {
        struct { int i; } s1;
        long cy_result;
    };
};
FRAME_DESC(worker, FRAME_RESULT(worker));
static cy_task *worker(long id, int steps, long *trace)
{
    FRAME_NEW(worker);
    cy_f->id = id;
    cy_f->steps = steps;
    cy_f->trace = trace;
    return FRAME_TASK;
}
FRAME_RESUME(worker)
{
    FRAME_SWITCH(worker)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    for (cy_f->s1.i = 0; cy_f->s1.i < cy_f->steps; cy_f->s1.i++) {
        if (cy_f->trace)
            cy_f->trace[++cy_f->trace[0]] = cy_f->id;
        FRAME_SUSPEND(1);
    }
    if (cy_f->trace)
        cy_f->trace[++cy_f->trace[0]] = cy_f->id;
    FRAME_RETURN(long, cy_f->id);
}

/* ---- coroutine int killer(cy_task *victim): yield; cancel victim; ------ */
struct killer__frame {
    cy_task cy_task;
    cy_task *victim;
};
FRAME_DESC(killer, FRAME_NO_VALUE);
static cy_task *killer(cy_task *victim)
{
    FRAME_NEW(killer);
    cy_f->victim = victim;
    return FRAME_TASK;
}
FRAME_RESUME(killer)
{
    FRAME_SWITCH(killer)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    FRAME_SUSPEND(1);
    assert_int_equal(cy_task_cancel(cy_f->victim), 0);
    return cy_t;
}

/* ---- coroutine int outer(void): return await worker(7, 3, NULL) + 1; ---- */
struct outer__frame {
    cy_task cy_task;
    cy_task *cy_aw;
    union {
        long cy_result;
    };
};
FRAME_DESC(outer, FRAME_RESULT(outer));
static cy_task *outer(void)
{
    FRAME_NEW(outer);
    return FRAME_TASK;
}
FRAME_RESUME(outer)
{
    FRAME_SWITCH(outer)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    cy_f->cy_aw = worker(7, 3, NULL);
    FRAME_AWAIT_CHILD(1, cy_f->cy_aw);
    {
        long cy_r = CY_RESULT(cy_f->cy_aw, long) + 1;
        cy_task_free(cy_f->cy_aw);
        cy_f->cy_aw = NULL;
        cy_f->cy_result = cy_r;
        return cy_t;
    }
}

/* ---- a runtime-style frame with an on_park hook ------------------------
 * parker(log): three times, parks its task (as the runtime's waits do)
 * and returns NULL; its desc's cy_on_park hook logs each park, refuses the
 * first (-ENOMEM: the loop must then let the task poll) and wakes the task
 * itself for the others.  No loop code knows this desc. */
struct parker__frame {
    cy_task cy_task;
    struct log *log;
    int parks;
};
static int parker_on_park(cy_loop *loop, cy_task *frame)
{
    struct parker__frame *f = (struct parker__frame *)frame;
    sayf(f->log, "park %d", ++f->parks);
    if (f->parks == 1)
        return -ENOMEM;
    cy_wake_(loop, cy_root_of_(frame));
    return 0;
}
static cy_task *parker__resume(cy_task *cy_t);
static const cy_desc parker__desc = {
    .name = "parker", .resume = parker__resume,
    .size = sizeof(struct parker__frame),
    .cy_on_park = parker_on_park,
};
static cy_task *parker(struct log *log)
{
    FRAME_NEW(parker);
    cy_f->log = log;
    return FRAME_TASK;
}
FRAME_RESUME(parker)
{
    struct parker__frame *f = (struct parker__frame *)cy_t;
    if (cy_t->state == CY_STATE_CANCEL)
        return cy_t;
    say(f->log, "step");
    if (cy_t->state == 3)
        return cy_t;
    cy_t->state++;
    cy_root_of_(cy_t)->flags |= CY_F_PARKED_;
    return NULL;
}

/* ---- done hooks ------------------------------------------------------------ */

static void log_repr(cy_loop *loop, cy_task *t, void *arg)
{
    (void)loop;
    char buf[128];
    int n = cy_task_repr(t, buf, sizeof buf);
    assert_true(n > 0 && (size_t)n < sizeof buf);
    say(arg, buf);
}

struct tally {
    long done;
    long sum;
    int spawn; /* tasks the hook may still schedule, two at a time */
    long *trace; /* given to the tasks it spawns */
    int wrapped; /* times the ring grew with the tail behind the head in
                  * one block (grow moves the head's part) */
    int grew_big; /* the same, in a ring of more than its first block */
    size_t cap0;  /* its first capacity */
};

static void count_done(cy_loop *loop, cy_task *t, void *arg)
{
    struct tally *ty = arg;
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    ty->done++;
    ty->sum += CY_RESULT(t, long);
    for (int k = 0; k < 2 && ty->spawn > 0; k++) {
        ty->spawn--;
        /* the ring keeps one slot for the task being stepped: the next
         * schedule grows it when only that slot is left */
        if (loop->count + 1 == loop->cap && loop->rd_end == loop->wr_end &&
            loop->wr <= loop->rd) {
            ty->wrapped++;
            if (loop->cap > ty->cap0)
                ty->grew_big++;
        }
        cy_task *w = worker(1000000 + ty->spawn, 2, ty->trace);
        assert_non_null(w);
        assert_int_equal(cy_loop_schedule(loop, w), 0);
    }
}

/* ---- tests ------------------------------------------------------------------ */

static void test_article_interleaving(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_loop_on_done(&loop, log_repr, &log);
    assert_int_equal(cy_loop_schedule(&loop, tic_tac(&log)), 0);
    assert_int_equal(cy_loop_schedule(&loop, spam(&log)), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf,
                        "Tic\n"
                        "spam\n"
                        "Tac\n"
                        "eggs\n"
                        "<Task 'tic_tac' [FINISHED] ('Boum!')>\n"
                        "bacon\n"
                        "<Task 'spam' [FINISHED] ('spam')>\n");
    assert_int_equal(loop.count, 0);
    /* running an empty loop is a no-op */
    assert_int_equal(cy_loop_run(&loop), 0);
    cy_loop_close(&loop);
}

static void test_run_until_complete(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_loop_on_done(&loop, log_repr, &log);
    cy_task *s = spam(&log);
    assert_int_equal(cy_loop_schedule(&loop, s), 0);
    cy_task *t = tic_tac(&log);
    /* spam was queued first, so it runs first; tic_tac's completion stops
     * the loop while spam still has a step to go */
    assert_int_equal(cy_loop_run_until_complete(&loop, t), 0);
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    assert_string_equal(CY_RESULT(t, const char *), "Boum!");
    assert_string_equal(log.buf, "spam\nTic\neggs\nTac\nbacon\n");
    assert_int_equal(loop.count, 1);
    assert_int_equal(cy_task_status(s), CY_RUNNING);
    /* t stays ours (no CY_F_LOOP, not freed, no hook call) */
    assert_int_equal(t->flags & CY_F_LOOP, 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "spam\nTic\neggs\nTac\nbacon\n"
                                 "<Task 'spam' [FINISHED] ('spam')>\n");
    /* already done: nothing to do */
    assert_int_equal(cy_loop_run_until_complete(&loop, t), 0);
    assert_int_equal(loop.count, 0);
    cy_task_free(t);
    cy_loop_close(&loop);
}

static void test_run_until_complete_await(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_task *t = outer();
    assert_int_equal(cy_loop_run_until_complete(&loop, t), 0);
    assert_int_equal(CY_RESULT(t, long), 8);
    char buf[64];
    cy_task_repr(t, buf, sizeof buf);
    assert_string_equal(buf, "<Task 'outer' [FINISHED] (8)>");
    cy_task_free(t);
    cy_loop_close(&loop);
}

static void test_wait(void **state)
{
    (void)state;
    /* loop.run_until_complete(asyncio.wait([tic_tac(), spam()])) */
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_loop_on_done(&loop, log_repr, &log);
    cy_task *tasks[2] = { tic_tac(&log), spam(&log) };
    assert_int_equal(cy_loop_wait(&loop, tasks, 2), 0);
    assert_string_equal(log.buf, "Tic\nspam\nTac\neggs\nbacon\n");
    assert_int_equal(cy_task_status(tasks[0]), CY_FINISHED);
    assert_int_equal(cy_task_status(tasks[1]), CY_FINISHED);
    assert_string_equal(CY_RESULT(tasks[1], const char *), "spam");
    assert_int_equal(loop.count, 0);
    /* all done already: returns at once */
    assert_int_equal(cy_loop_wait(&loop, tasks, 2), 0);
    assert_int_equal(cy_loop_wait(&loop, NULL, 0), 0);
    assert_int_equal(cy_loop_wait(&loop, NULL, 1), -EINVAL);
    assert_int_equal(tasks[0]->flags, CY_F_HEAP);
    cy_task_free(tasks[0]);
    cy_task_free(tasks[1]);

    /* a task twice, or NULL, or loop-owned: refused, nothing queued */
    cy_task *t = tic_tac(&log);
    cy_task *twice[3] = { tic_tac(&log), t, t };
    assert_int_equal(cy_loop_wait(&loop, twice, 3), -EINVAL);
    twice[2] = NULL;
    assert_int_equal(cy_loop_wait(&loop, twice, 3), -EINVAL);
    assert_int_equal(loop.count, 0);
    assert_int_equal(t->flags, CY_F_HEAP);
    assert_int_equal(twice[0]->flags, CY_F_HEAP);
    cy_task_free(twice[0]);

    /* waited tasks mixed with loop-owned ones; those left stay queued */
    log.len = 0;
    log.buf[0] = '\0';
    assert_int_equal(cy_loop_schedule(&loop, spam(&log)), 0);
    assert_int_equal(cy_loop_run_until_complete(&loop, t), 0);
    assert_string_equal(log.buf, "spam\nTic\neggs\nTac\nbacon\n");
    assert_int_equal(loop.count, 1);
    cy_task_free(t);
    cy_loop_close(&loop);
}

static void test_schedule_errors(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    assert_int_equal(cy_loop_init(NULL), -EINVAL);
    assert_int_equal(cy_loop_schedule(&loop, NULL), -EINVAL);
    assert_int_equal(cy_loop_schedule(NULL, NULL), -EINVAL);
    cy_task *t = tic_tac(&log);
    assert_int_equal(cy_loop_schedule(&loop, t), 0);
    assert_int_equal(t->flags & CY_F_LOOP, CY_F_LOOP);
    /* twice would mean freed twice */
    assert_int_equal(cy_loop_schedule(&loop, t), -EINVAL);
    /* a loop-owned task cannot be waited for: the loop frees it */
    assert_int_equal(cy_loop_run_until_complete(&loop, t), -EINVAL);
    assert_int_equal(cy_loop_run_until_complete(&loop, NULL), -EINVAL);
    assert_int_equal(cy_loop_run(NULL), -EINVAL);
    assert_int_equal(loop.count, 1);
    cy_task *done = tic_tac(&log);
    cy_task_cancel(done);
    assert_int_equal(cy_loop_schedule(&loop, done), -EINVAL);
    cy_task_free(done);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "Tic\nTac\n");
    cy_loop_close(&loop);
    cy_loop_close(&loop); /* closing twice is harmless */
    /* a closed loop can be used again */
    log.len = 0;
    log.buf[0] = '\0';
    assert_int_equal(cy_loop_schedule(&loop, tic_tac(&log)), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "Tic\nTac\n");
    cy_loop_close(&loop);
}

static void test_ring_growth(void **state)
{
    (void)state;
    enum { N = 20000, STEPS = 3 }; /* several blocks of 4096 */
    long *trace = calloc((size_t)N * (STEPS + 1) + 1, sizeof *trace);
    assert_non_null(trace);
    struct tally ty = { 0, 0, 0, trace, 0, 0, 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    size_t cap0 = loop.cap;
    cy_loop_on_done(&loop, count_done, &ty);
    for (long i = 0; i < N; i++)
        assert_int_equal(cy_loop_schedule(&loop, worker(i, STEPS, trace)), 0);
    assert_true(loop.cap >= N && loop.cap > cap0);
    /* blocks: the first doubles up to 4096 slots, then one block more at
     * a time, so the ring never has more than one block's worth spare */
    assert_true(loop.cap < N + 1 + 4096);
    assert_int_equal(loop.count, N);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(ty.done, N);
    assert_int_equal(ty.sum, (long)N * (N - 1) / 2);
    /* FIFO: round r runs 0, 1, ..., N-1 in order */
    assert_int_equal(trace[0], (long)N * (STEPS + 1));
    for (long k = 0; k < trace[0]; k++)
        assert_int_equal(trace[k + 1], k % N);
    cy_loop_close(&loop);
    free(trace);
}

/* The done hook schedules two tasks per completion (while spawn lasts),
 * so the ring grows while its head is anywhere; the trace of every step
 * must match a plain FIFO model.  first tasks: task i runs i % mod + 1
 * steps; the spawned ones 3 each. */
static void growth_run(long first, int spawn, long mod, int want_big)
{
    size_t maxt = (size_t)first * (size_t)mod + (size_t)spawn * 3 + 2;
    long *trace = calloc(maxt, sizeof *trace);
    long *qid = calloc(maxt, sizeof *qid), *qleft = calloc(maxt, sizeof *qleft);
    long *expect = calloc(maxt, sizeof *expect);
    assert_true(trace && qid && qleft && expect);
    struct tally ty = { 0, 0, spawn, trace, 0, 0, 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    ty.cap0 = loop.cap;
    cy_loop_on_done(&loop, count_done, &ty);
    for (long i = 0; i < first; i++)
        assert_int_equal(cy_loop_schedule(&loop, worker(i, (int)(i % mod), trace)), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(ty.done, first + spawn);
    assert_int_equal(ty.spawn, 0);
    assert_true(loop.cap > ty.cap0);
    assert_true(ty.wrapped > 0); /* it grew with the tail behind the head */
    if (want_big)
        assert_true(ty.grew_big > 0); /* so in a ring of several blocks */

    /* the model: a linear queue of (id, runs left) */
    size_t qh = 0, qt = 0, n = 0;
    int left_to_spawn = spawn;
    for (long i = 0; i < first; i++) {
        qid[qt] = i;
        qleft[qt++] = i % mod + 1;
    }
    while (qh < qt) {
        long id = qid[qh], left = qleft[qh++];
        expect[++n] = id;
        if (--left > 0) {
            qid[qt] = id;
            qleft[qt++] = left;
            continue;
        }
        for (int k = 0; k < 2 && left_to_spawn > 0; k++) {
            left_to_spawn--;
            qid[qt] = 1000000 + left_to_spawn;
            qleft[qt++] = 3;
        }
    }
    assert_int_equal(trace[0], (long)n);
    for (size_t k = 1; k <= n; k++)
        assert_int_equal(trace[k], expect[k]);
    cy_loop_close(&loop);
    free(trace);
    free(qid);
    free(qleft);
    free(expect);
}

static void test_growth_wraparound(void **state)
{
    (void)state;
    growth_run(40, 400, 1000, 0); /* the first blocks */
}

static void test_growth_blocks(void **state)
{
    (void)state;
    /* past the largest block (4096 slots): 30 000 tasks at most queued,
     * the ring growing with the head in any block */
    growth_run(3000, 27000, 7, 1);
}

static void test_cancel_queued(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_loop_on_done(&loop, log_repr, &log);
    cy_task *s = spam(&log);
    assert_int_equal(cy_loop_schedule(&loop, s), 0);
    assert_int_equal(cy_loop_schedule(&loop, killer(s)), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    /* spam ran twice, the killer cancelled it on its second step; the loop
     * reports and frees the cancelled task at its turn */
    assert_string_equal(log.buf,
                        "spam\n"
                        "eggs\n"
                        "<Task 'killer' [FINISHED] (None)>\n"
                        "<Task 'spam' [CANCELLED]>\n");
    cy_loop_close(&loop);
}

static void test_cancel_awaited_task(void **state)
{
    (void)state;
    /* run_until_complete returns when its task is cancelled by another */
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_loop_on_done(&loop, log_repr, &log);
    cy_task *s = spam(&log);
    assert_int_equal(cy_loop_schedule(&loop, killer(s)), 0);
    cy_task *w = worker(1, 100, NULL);
    assert_int_equal(cy_loop_schedule(&loop, w), 0);
    assert_int_equal(cy_loop_run_until_complete(&loop, s), 0);
    assert_int_equal(cy_task_status(s), CY_CANCELLED);
    assert_int_equal(cy_task_error(s), -ECANCELED);
    assert_string_equal(log.buf,
                        "spam\n"
                        "<Task 'killer' [FINISHED] (None)>\n");
    assert_int_equal(loop.count, 1); /* the worker is still queued */
    cy_task_free(s);
    cy_loop_close(&loop); /* frees the worker, unfinished */
}

/* The loop calls a desc's cy_on_park when a task parks, whatever the
 * desc; a hook that fails leaves the task polling. */
static void test_on_park_hook(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    assert_int_equal(cy_loop_schedule(&loop, parker(&log)), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "step\npark 1\nstep\npark 2\nstep\npark 3\n"
                                 "step\n");
    cy_loop_close(&loop);
}

static void test_close_frees_owned(void **state)
{
    (void)state;
    /* tasks in every state, one suspended inside an await: close frees
     * all frames (valgrind / ASan check) and calls no hook */
    struct log log = { .len = 0 };
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_loop_on_done(&loop, log_repr, &log);
    cy_task *o = outer();
    assert_int_equal(cy_task_step(o), 1);
    assert_ptr_not_equal(o->link, o);
    assert_int_equal(cy_loop_schedule(&loop, o), 0);
    assert_int_equal(cy_loop_schedule(&loop, tic_tac(&log)), 0);
    assert_int_equal(cy_loop_schedule(&loop, spam(&log)), 0);
    cy_task *mine = worker(3, 3, NULL);
    assert_int_equal(cy_loop_schedule(&loop, mine), 0);
    cy_loop_close(&loop);
    assert_string_equal(log.buf, "");
    assert_null(loop.rd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_interleaving),
        cmocka_unit_test(test_run_until_complete),
        cmocka_unit_test(test_run_until_complete_await),
        cmocka_unit_test(test_wait),
        cmocka_unit_test(test_schedule_errors),
        cmocka_unit_test(test_ring_growth),
        cmocka_unit_test(test_growth_wraparound),
        cmocka_unit_test(test_growth_blocks),
        cmocka_unit_test(test_cancel_queued),
        cmocka_unit_test(test_cancel_awaited_task),
        cmocka_unit_test(test_on_park_hook),
        cmocka_unit_test(test_close_frees_owned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
