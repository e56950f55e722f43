/*
 * test_queue.c - unit tests of asyncio.Queue and its LIFO and priority
 * variants (cy_queue_*), on the virtual clock (cmocka).
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

#include "log.h"
#include "script.h"

static void vloop(cy_loop *loop)
{
    assert_int_equal(cy_loop_init(loop), 0);
    assert_int_equal(cy_loop_set_virtual_time(loop, 1), 0);
}

struct qctx {
    cy_queue *q;
    struct log log;
    int n;          /* items to move */
    int item, got;
    size_t maxseen;
    int errs[8];
};

/* puts 0..n-1, logging when each put returns */
static cy_task *producer_step(struct script *sc, int i)
{
    struct qctx *c = sc->ctx;
    if (i > 0)
        sayf(&c->log, "put %d at %g", i - 1, cy_loop_time(sc->loop));
    if (cy_queue_qsize(c->q) > c->maxseen)
        c->maxseen = cy_queue_qsize(c->q);
    if (i == c->n)
        return NULL;
    c->item = i;
    return cy_queue_put(sc->loop, c->q, &c->item);
}

/* gets n items, one unit apart, and marks each done */
static cy_task *consumer_step(struct script *sc, int i)
{
    struct qctx *c = sc->ctx;
    if (i % 2 == 1) {
        sayf(&c->log, "got %d at %g", c->got, cy_loop_time(sc->loop));
        assert_int_equal(cy_queue_task_done(c->q), 0);
        return cy_sleep(sc->loop, 1);
    }
    if (i / 2 == c->n)
        return NULL;
    return cy_queue_get(sc->loop, c->q, &c->got);
}

static void test_bounded_fifo(void **state)
{
    (void)state;
    cy_loop loop;
    vloop(&loop);
    struct qctx c = { .q = cy_queue_new(sizeof(int), 2, CY_QUEUE_FIFO, NULL),
                      .n = 4 };
    assert_non_null(c.q);
    cy_task *p = script_new(&loop, producer_step, &c);
    cy_task *k = script_new(&loop, consumer_step, &c);
    cy_task *ts[2] = { p, k };
    assert_int_equal(cy_loop_wait(&loop, ts, 2), 0);
    assert_string_equal(c.log.buf,
                        "put 0 at 0\n"
                        "put 1 at 0\n"
                        "got 0 at 0\n"
                        "put 2 at 0\n"
                        "got 1 at 1\n"
                        "put 3 at 1\n"
                        "got 2 at 2\n"
                        "got 3 at 3\n");
    assert_true(c.maxseen <= 2);
    assert_true(cy_queue_empty(c.q));
    cy_task_free(p);
    cy_task_free(k);
    cy_queue_free(c.q);
    cy_loop_close(&loop);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void test_nowait_lifo_priority(void **state)
{
    (void)state;
    static const int in[] = { 5, 1, 4, 2, 3 };
    int out;
    /* FIFO, bounded: full and empty */
    cy_queue *q = cy_queue_new(sizeof(int), 2, CY_QUEUE_FIFO, NULL);
    assert_int_equal(cy_queue_get_nowait(q, &out), -EAGAIN);
    assert_int_equal(cy_queue_put_nowait(q, &in[0]), 0);
    assert_int_equal(cy_queue_put_nowait(q, &in[1]), 0);
    assert_true(cy_queue_full(q));
    assert_int_equal(cy_queue_put_nowait(q, &in[2]), -EAGAIN);
    assert_int_equal(cy_queue_get_nowait(q, &out), 0);
    assert_int_equal(out, 5);
    cy_queue_free(q);
    /* LIFO */
    q = cy_queue_new(sizeof(int), 0, CY_QUEUE_LIFO, NULL);
    for (int i = 0; i < 5; i++)
        assert_int_equal(cy_queue_put_nowait(q, &in[i]), 0);
    for (int i = 4; i >= 0; i--) {
        assert_int_equal(cy_queue_get_nowait(q, &out), 0);
        assert_int_equal(out, in[i]);
    }
    cy_queue_free(q);
    /* priority: smallest first */
    assert_null(cy_queue_new(sizeof(int), 0, CY_QUEUE_PRIORITY, NULL));
    q = cy_queue_new(sizeof(int), 0, CY_QUEUE_PRIORITY, cmp_int);
    for (int i = 0; i < 5; i++)
        assert_int_equal(cy_queue_put_nowait(q, &in[i]), 0);
    for (int want = 1; want <= 5; want++) {
        assert_int_equal(cy_queue_get_nowait(q, &out), 0);
        assert_int_equal(out, want);
    }
    cy_queue_free(q);
    /* unbounded: grows, keeps FIFO order across the ring's wrap */
    q = cy_queue_new(sizeof(int), 0, CY_QUEUE_FIFO, NULL);
    int next_out = 0;
    for (int i = 0; i < 100; i++) {
        assert_int_equal(cy_queue_put_nowait(q, &i), 0);
        if (i % 3 == 0) {
            assert_int_equal(cy_queue_get_nowait(q, &out), 0);
            assert_int_equal(out, next_out++);
        }
    }
    while (cy_queue_get_nowait(q, &out) == 0)
        assert_int_equal(out, next_out++);
    assert_int_equal(next_out, 100);
    cy_queue_free(q);
}

/* join waits for task_done of every item */
static cy_task *join_step(struct script *sc, int i)
{
    struct qctx *c = sc->ctx;
    if (i == 0)
        return cy_queue_join(sc->loop, c->q);
    sayf(&c->log, "joined at %g", cy_loop_time(sc->loop));
    return NULL;
}

static void test_task_done_join(void **state)
{
    (void)state;
    cy_loop loop;
    vloop(&loop);
    struct qctx c = { .q = cy_queue_new(sizeof(int), 0, CY_QUEUE_FIFO, NULL),
                      .n = 3 };
    for (int i = 0; i < 3; i++)
        assert_int_equal(cy_queue_put_nowait(c.q, &i), 0);
    cy_task *j = script_new(&loop, join_step, &c);
    cy_task *k = script_new(&loop, consumer_step, &c);
    cy_task *ts[2] = { j, k };
    assert_int_equal(cy_loop_wait(&loop, ts, 2), 0);
    /* the third task_done comes at 2, before the consumer's last sleep */
    assert_string_equal(c.log.buf, "got 0 at 0\ngot 1 at 1\ngot 2 at 2\n"
                                   "joined at 2\n");
    assert_int_equal(cy_queue_task_done(c.q), -EINVAL); /* one too many */
    cy_task_free(j);
    cy_task_free(k);
    cy_queue_free(c.q);
    cy_loop_close(&loop);
}

/* cancellation at each wait: a cancelled get loses its turn, not an item;
 * a cancelled put adds nothing */
static cy_task *get_one_step(struct script *sc, int i)
{
    struct qctx *c = sc->ctx;
    if (i == 0)
        return cy_queue_get(sc->loop, c->q, &c->got);
    return NULL;
}

static cy_task *put_one_step(struct script *sc, int i)
{
    struct qctx *c = sc->ctx;
    if (i == 0)
        return cy_queue_put(sc->loop, c->q, &c->item);
    return NULL;
}

static void test_cancel_waits(void **state)
{
    (void)state;
    cy_loop loop;
    vloop(&loop);
    struct qctx c = { .q = cy_queue_new(sizeof(int), 1, CY_QUEUE_FIFO, NULL) };
    struct qctx c2 = { .q = c.q };
    cy_task *g1 = script_new(&loop, get_one_step, &c);
    cy_task *g2 = script_new(&loop, get_one_step, &c2);
    assert_int_equal(cy_loop_launch(&loop, g1), 0);
    assert_int_equal(cy_loop_launch(&loop, g2), 0);
    assert_int_equal(cy_loop_run(&loop), -EDEADLK); /* both wait */
    assert_int_equal(cy_task_cancel(g1), 0);
    int v = 42;
    assert_int_equal(cy_queue_put_nowait(c.q, &v), 0); /* to g2 */
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(cy_task_status(g1), CY_CANCELLED);
    assert_int_equal(cy_task_status(g2), CY_FINISHED);
    assert_int_equal(c2.got, 42);
    assert_true(cy_queue_empty(c.q));
    /* a put waiting on a full queue, cancelled: nothing added */
    assert_int_equal(cy_queue_put_nowait(c.q, &v), 0);
    c.item = 7;
    cy_task *p = script_new(&loop, put_one_step, &c);
    assert_int_equal(cy_loop_launch(&loop, p), 0);
    assert_int_equal(cy_loop_run(&loop), -EDEADLK);
    assert_int_equal(cy_task_cancel(p), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(cy_queue_qsize(c.q), 1);
    int out;
    assert_int_equal(cy_queue_get_nowait(c.q, &out), 0);
    assert_int_equal(out, 42);
    assert_int_equal(cy_queue_get_nowait(c.q, &out), -EAGAIN);
    /* freeing a queue cancels its waiters */
    cy_task *g3 = script_new(&loop, get_one_step, &c);
    assert_int_equal(cy_loop_launch(&loop, g3), 0);
    assert_int_equal(cy_loop_run(&loop), -EDEADLK);
    cy_queue_free(c.q);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(cy_task_status(g3), CY_CANCELLED);
    cy_task_free(g1);
    cy_task_free(g2);
    cy_task_free(g3);
    cy_task_free(p);
    cy_loop_close(&loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bounded_fifo),
        cmocka_unit_test(test_nowait_lifo_priority),
        cmocka_unit_test(test_task_done_join),
        cmocka_unit_test(test_cancel_waits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
