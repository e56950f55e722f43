/*
 * test_loops.c - one loop per thread (cmocka): cy_loop_share,
 * cy_loop_post and cy_loop_post_task between loops that run on threads of
 * their own; functions run on the target loop's thread, in order; tasks
 * handed over run there and are freed by it; posts left queued at
 * cy_loop_close are dropped without a leak (valgrind and ASan check it).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "coroc.h"

#include "frames.h"

/* a task that adds its argument to a counter of its loop's thread, yields
 * once, adds it again; stops its loop when the counter reaches stop_at */
struct bump__frame {
    cy_task cy_task;
    long *counter;
    long by, stop_at;
    pthread_t *ran_on;
    cy_loop *loop;
};
FRAME_DESC(bump, FRAME_NO_VALUE);
static cy_task *bump(long *counter, long by, pthread_t *ran_on)
{
    FRAME_NEW(bump);
    cy_f->counter = counter;
    cy_f->by = by;
    cy_f->ran_on = ran_on;
    cy_f->stop_at = -1;
    return FRAME_TASK;
}
FRAME_RESUME(bump)
{
    FRAME_SWITCH(bump)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    *cy_f->counter += cy_f->by;
    *cy_f->ran_on = pthread_self();
    FRAME_SUSPEND(1);
    *cy_f->counter += cy_f->by;
    if (*cy_f->counter == cy_f->stop_at)
        cy_loop_stop(cy_f->loop);
    return cy_t;
}

/* ---- a loop on a thread of its own ------------------------------------------ */

struct side {
    cy_loop loop;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int ready;       /* the loop is shared and about to run */
    int rc;          /* cy_loop_run_forever's */
    long counter;    /* touched on the loop's thread only */
    long order_bad;  /* a post ran out of order */
    long next;       /* the next post expected */
    pthread_t task_thread;
};

static void *side_main(void *arg)
{
    struct side *s = arg;
    int rc = cy_loop_init(&s->loop);
    if (rc == 0)
        rc = cy_loop_share(&s->loop);
    pthread_mutex_lock(&s->mu);
    s->ready = rc == 0 ? 1 : -1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    if (rc == 0)
        s->rc = cy_loop_run_forever(&s->loop);
    return NULL;
}

static void side_start(struct side *s)
{
    memset(s, 0, sizeof *s);
    assert_int_equal(pthread_mutex_init(&s->mu, NULL), 0);
    assert_int_equal(pthread_cond_init(&s->cv, NULL), 0);
    assert_int_equal(pthread_create(&s->thread, NULL, side_main, s), 0);
    pthread_mutex_lock(&s->mu);
    while (!s->ready)
        pthread_cond_wait(&s->cv, &s->mu);
    pthread_mutex_unlock(&s->mu);
    assert_int_equal(s->ready, 1);
}

static void stop_fn(cy_loop *loop, void *arg)
{
    (void)arg;
    cy_loop_stop(loop);
}

/* join, close the loop (on this thread: the loop's own has ended, and
 * the join orders its writes before ours) */
static void side_join(struct side *s)
{
    assert_int_equal(pthread_join(s->thread, NULL), 0);
    assert_int_equal(s->rc, 0);
    cy_loop_close(&s->loop);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
}

/* post a stop (it runs after what was posted before), then join */
static void side_finish(struct side *s)
{
    assert_int_equal(cy_loop_post(&s->loop, stop_fn, NULL), 0);
    side_join(s);
}

struct numbered {
    struct side *s;
    long n;
};

static void count_fn(cy_loop *loop, void *arg)
{
    struct numbered *p = arg;
    struct side *s = p->s;
    assert_ptr_equal(loop, &s->loop);
    if (!pthread_equal(pthread_self(), s->thread) || p->n != s->next)
        s->order_bad++;
    s->next++;
    s->counter += p->n;
    free(p);
}

/* Functions posted from this thread run on the loop's, in order. */
static void test_post_runs_on_the_loops_thread(void **state)
{
    (void)state;
    struct side s;
    side_start(&s);
    enum { N = 2000 };
    for (long i = 0; i < N; i++) {
        struct numbered *p = malloc(sizeof *p);
        assert_non_null(p);
        p->s = &s;
        p->n = i;
        assert_int_equal(cy_loop_post(&s.loop, count_fn, p), 0);
    }
    side_finish(&s);
    assert_int_equal(s.order_bad, 0);
    assert_int_equal(s.next, N);
    assert_int_equal(s.counter, (long)N * (N - 1) / 2);
}

/* Tasks handed over run to their end on the loop's thread; it frees them. */
static void test_post_task(void **state)
{
    (void)state;
    struct side s;
    side_start(&s);
    enum { N = 300 };
    for (long i = 1; i <= N; i++) {
        cy_task *t = bump(&s.counter, i, &s.task_thread);
        assert_non_null(t);
        /* the last task to end stops the loop: the tasks end in the
         * order they were posted, each after its second step */
        ((struct bump__frame *)t)->stop_at = 2L * N * (N + 1) / 2;
        ((struct bump__frame *)t)->loop = &s.loop;
        assert_int_equal(cy_loop_post_task(&s.loop, t), 0);
    }
    side_join(&s);
    assert_int_equal(s.counter, 2L * N * (N + 1) / 2);
    assert_true(pthread_equal(s.task_thread, s.thread));
}

/* Two loops, two threads: a token goes back and forth, each hop a post
 * from one loop's thread to the other's. */
struct pingpong {
    struct side *a, *b;
    long hops, limit;
    int bad;
};

static void hop(cy_loop *loop, void *arg)
{
    struct pingpong *pp = arg;
    struct side *here = loop == &pp->a->loop ? pp->a : pp->b;
    struct side *there = here == pp->a ? pp->b : pp->a;
    if (!pthread_equal(pthread_self(), here->thread))
        pp->bad = 1;
    if (++pp->hops >= pp->limit) {
        cy_loop_stop(loop);
        cy_loop_post(&there->loop, stop_fn, NULL);
        return;
    }
    if (cy_loop_post(&there->loop, hop, pp))
        pp->bad = 1;
}

static void test_ping_pong_between_loops(void **state)
{
    (void)state;
    struct side a, b;
    side_start(&a);
    side_start(&b);
    struct pingpong pp = { &a, &b, 0, 1000, 0 };
    assert_int_equal(cy_loop_post(&a.loop, hop, &pp), 0);
    assert_int_equal(pthread_join(a.thread, NULL), 0);
    assert_int_equal(pthread_join(b.thread, NULL), 0);
    assert_int_equal(a.rc, 0);
    assert_int_equal(b.rc, 0);
    assert_int_equal(pp.hops, 1000);
    assert_int_equal(pp.bad, 0);
    cy_loop_close(&a.loop);
    cy_loop_close(&b.loop);
    pthread_cond_destroy(&a.cv);
    pthread_mutex_destroy(&a.mu);
    pthread_cond_destroy(&b.cv);
    pthread_mutex_destroy(&b.mu);
}

static void never_fn(cy_loop *loop, void *arg)
{
    (void)loop;
    *(int *)arg = 1;
}

/* An unshared loop refuses posts; bad arguments; a loop closed with posts
 * queued drops them (the task is freed, the function does not run). */
static void test_refusals_and_close(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    int ran = 0;
    assert_int_equal(cy_loop_post(&loop, never_fn, &ran), -EINVAL);
    assert_int_equal(cy_loop_post(NULL, never_fn, &ran), -EINVAL);
    assert_int_equal(cy_loop_share(NULL), -EINVAL);
    assert_int_equal(cy_loop_share(&loop), 0);
    assert_int_equal(cy_loop_share(&loop), 0); /* twice is fine */
    assert_int_equal(cy_loop_post(&loop, NULL, NULL), -EINVAL);
    assert_int_equal(cy_loop_post_task(&loop, NULL), -EINVAL);
    long counter = 0;
    pthread_t th;
    cy_task *t = bump(&counter, 1, &th);
    assert_non_null(t);
    assert_int_equal(cy_loop_post_task(&loop, t), 0);
    assert_int_equal(cy_loop_post(&loop, never_fn, &ran), 0);
    cy_loop_close(&loop);
    assert_int_equal(ran, 0);
    assert_int_equal(counter, 0);
}

/* cy_loop_run (not run_forever) also runs what was posted before it. */
static void test_run_takes_posts(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    assert_int_equal(cy_loop_share(&loop), 0);
    long counter = 0;
    pthread_t th;
    cy_task *t = bump(&counter, 5, &th);
    assert_non_null(t);
    assert_int_equal(cy_loop_post_task(&loop, t), 0);
    /* a task of the loop's own keeps cy_loop_run going while the post is
     * read: it yields a few times */
    long own = 0;
    cy_task *mine = bump(&own, 1, &th);
    assert_non_null(mine);
    assert_int_equal(cy_loop_schedule(&loop, mine), 0);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(own, 2);
    assert_int_equal(counter, 10);
    cy_loop_close(&loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_post_runs_on_the_loops_thread),
        cmocka_unit_test(test_post_task),
        cmocka_unit_test(test_ping_pong_between_loops),
        cmocka_unit_test(test_refusals_and_close),
        cmocka_unit_test(test_run_takes_posts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
