/*
 * test_io.c - unit tests of the I/O waits: cy_readable, cy_writable and
 * the loop's epoll backend (cmocka), with pipes and socketpairs.
 *
 * Hand-written frames, with frames.h (the shape coroc emits,
 * docs/generated-code.md).
 * Most tests use the virtual clock: when nothing is ready the loop polls
 * the fds without blocking, then jumps to the next timer, so times are
 * exact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "coroc.h"

#include "frames.h"
#include "log.h"

static cy_loop *virtual_loop(cy_loop *loop)
{
    assert_int_equal(cy_loop_init(loop), 0);
    assert_int_equal(cy_loop_set_virtual_time(loop, 1), 0);
    return loop;
}

static void nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    assert_true(fl >= 0);
    assert_int_equal(fcntl(fd, F_SETFL, fl | O_NONBLOCK), 0);
}

static void make_pipe(int p[2])
{
    assert_int_equal(pipe(p), 0);
    nonblock(p[0]);
    nonblock(p[1]);
}

/* ---- coroutine void reader(name, loop, fd, log, rounds):
 *        for (i = 0; i < rounds; i++) {
 *            await cy_readable(loop, fd);       (logs a failure, fails)
 *            n = read(fd, buf, 63); sayf("%s read '%s' at %g");
 *        }
 *      with a cleanup that logs "%s cleanup" ---------------------------- */

struct reader__frame {
    cy_task cy_task;
    uint32_t cy_defer;
    const char *name;
    cy_loop *loop;
    int fd, rounds, i, write; /* write: await writable instead, no read */
    struct log *log;
    cy_task *aw;
};
FRAME_DESC(reader, FRAME_NO_VALUE);
static cy_task *reader(const char *name, cy_loop *loop, int fd,
                       struct log *log, int rounds)
{
    FRAME_NEW(reader);
    cy_f->name = name;
    cy_f->loop = loop;
    cy_f->fd = fd;
    cy_f->log = log;
    cy_f->rounds = rounds;
    return FRAME_TASK;
}
FRAME_RESUME(reader)
{
    FRAME_SWITCH(reader)
    FRAME_AT(1)
    FRAME_CANCEL_CLEANS
    cy_f->cy_defer |= 1;
    for (cy_f->i = 0; cy_f->i < cy_f->rounds; cy_f->i++) {
        cy_f->aw = cy_f->write ? cy_writable(cy_f->loop, cy_f->fd)
                            : cy_readable(cy_f->loop, cy_f->fd);
        assert_non_null(cy_f->aw);
        FRAME_AWAIT_HANDLE(1, cy_f->aw);
        if (cy_f->aw->status >= CY_ERROR) {
            int32_t e = cy_task_error(cy_f->aw);
            sayf(cy_f->log, "%s failed %d", cy_f->name, (int)-e);
            cy_await_release(cy_f->aw);
            cy_t->err = e;
            cy_t->status = CY_ERROR;
            goto cy_cleanup;
        }
        cy_await_release(cy_f->aw);
        if (cy_f->write) {
            sayf(cy_f->log, "%s writable at %g", cy_f->name, cy_loop_time(cy_f->loop));
            continue;
        }
        char buf[64];
        ssize_t n = read(cy_f->fd, buf, sizeof buf - 1);
        if (n < 0) {
            sayf(cy_f->log, "%s read error %d", cy_f->name, errno);
            continue;
        }
        buf[n] = '\0';
        sayf(cy_f->log, "%s read '%s' at %g", cy_f->name, buf,
             cy_loop_time(cy_f->loop));
    }
cy_cleanup:
    if (cy_f->cy_defer & 1)
        sayf(cy_f->log, "%s cleanup", cy_f->name);
    cy_f->cy_defer = 0;
    return cy_t;
}

/* ---- coroutine void actor(name, loop, delay, fd, msg, target, log):
 *        await cy_sleep(loop, delay);
 *        if (target) cancel(target), log "%s cancels at %g";
 *        else write(fd, msg), log "%s wrote '%s' at %g" ---------------- */

struct actor__frame {
    cy_task cy_task;
    const char *name;
    cy_loop *loop;
    double delay;
    int fd;
    const char *msg;
    cy_task *target;
    struct log *log;
    cy_task *aw;
};
FRAME_DESC(actor, FRAME_NO_VALUE);
static cy_task *actor(const char *name, cy_loop *loop, double delay, int fd,
                      const char *msg, cy_task *target, struct log *log)
{
    FRAME_NEW(actor);
    cy_f->name = name;
    cy_f->loop = loop;
    cy_f->delay = delay;
    cy_f->fd = fd;
    cy_f->msg = msg;
    cy_f->target = target;
    cy_f->log = log;
    return FRAME_TASK;
}
FRAME_RESUME(actor)
{
    FRAME_SWITCH(actor)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    cy_f->aw = cy_sleep(cy_f->loop, cy_f->delay);
    assert_non_null(cy_f->aw);
    FRAME_AWAIT_HANDLE(1, cy_f->aw);
    cy_await_release(cy_f->aw);
    if (cy_f->target) {
        sayf(cy_f->log, "%s cancels at %g", cy_f->name, cy_loop_time(cy_f->loop));
        assert_int_equal(cy_task_cancel(cy_f->target), 0);
    } else {
        size_t len = strlen(cy_f->msg);
        assert_int_equal(write(cy_f->fd, cy_f->msg, len), (ssize_t)len);
        sayf(cy_f->log, "%s wrote '%s' at %g", cy_f->name, cy_f->msg,
             cy_loop_time(cy_f->loop));
    }
    return cy_t;
}

static void launch(cy_loop *loop, cy_task *t)
{
    assert_non_null(t);
    assert_int_equal(cy_loop_launch(loop, t), 0);
}

/* ---- tests ----------------------------------------------------------------- */

static void test_readable_after_write(void **state)
{
    (void)state;
    cy_loop loop;
    struct log log = { .len = 0 };
    int p[2];
    make_pipe(p);
    virtual_loop(&loop);
    cy_task *r = reader("r", &loop, p[0], &log, 2);
    cy_task *w1 = actor("w1", &loop, 1, p[1], "abc", NULL, &log);
    cy_task *w2 = actor("w2", &loop, 3, p[1], "de", NULL, &log);
    launch(&loop, r);
    launch(&loop, w1);
    launch(&loop, w2);
    /* only fd waits and timers: no deadlock reported */
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(r->status, CY_FINISHED);
    assert_string_equal(log.buf, "w1 wrote 'abc' at 1\n"
                                 "r read 'abc' at 1\n"
                                 "w2 wrote 'de' at 3\n"
                                 "r read 'de' at 3\n"
                                 "r cleanup\n");
    assert_int_equal(loop.io_waiting, 0);
    cy_task_free(r);
    cy_task_free(w1);
    cy_task_free(w2);
    cy_loop_close(&loop);
    close(p[0]);
    close(p[1]);
}

/* Data already there: the wait ends at the loop's next poll. */
static void test_readable_at_once_and_eof(void **state)
{
    (void)state;
    cy_loop loop;
    struct log log = { .len = 0 };
    int p[2];
    make_pipe(p);
    assert_int_equal(write(p[1], "hi", 2), 2);
    close(p[1]); /* then end of file: readable too */
    virtual_loop(&loop);
    cy_task *r = reader("r", &loop, p[0], &log, 2);
    assert_int_equal(cy_loop_run_until_complete(&loop, r), 0);
    assert_string_equal(log.buf, "r read 'hi' at 0\n"
                                 "r read '' at 0\n"
                                 "r cleanup\n");
    cy_task_free(r);
    cy_loop_close(&loop);
    close(p[0]);
}

static void test_writable(void **state)
{
    (void)state;
    cy_loop loop;
    struct log log = { .len = 0 };
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    nonblock(sv[0]);
    nonblock(sv[1]);
    virtual_loop(&loop);
    /* an empty socket is writable at once */
    cy_task *w = reader("w", &loop, sv[0], &log, 1);
    ((struct reader__frame *)w)->write = 1;
    assert_int_equal(cy_loop_run_until_complete(&loop, w), 0);
    assert_int_equal(w->status, CY_FINISHED);
    cy_task_free(w);
    /* fill it: not writable until the other end reads */
    static char junk[4096];
    while (write(sv[0], junk, sizeof junk) > 0)
        ;
    assert_int_equal(errno, EAGAIN);
    w = reader("w", &loop, sv[0], &log, 1);
    ((struct reader__frame *)w)->write = 1;
    launch(&loop, w);
    cy_task *sl = cy_sleep(&loop, 2);
    assert_int_equal(cy_loop_run_until_complete(&loop, sl), 0);
    assert_false(cy_task_done(w)); /* still full at 2 */
    cy_task_free(sl);
    while (read(sv[1], junk, sizeof junk) > 0)
        ;
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(w->status, CY_FINISHED);
    assert_string_equal(log.buf, "w writable at 0\n"
                                 "w cleanup\n"
                                 "w writable at 2\n"
                                 "w cleanup\n");
    cy_task_free(w);
    cy_loop_close(&loop);
    close(sv[0]);
    close(sv[1]);
}

static void test_cancel_while_waiting(void **state)
{
    (void)state;
    cy_loop loop;
    struct log log = { .len = 0 };
    int p[2];
    make_pipe(p);
    virtual_loop(&loop);
    cy_task *r1 = reader("r1", &loop, p[0], &log, 1);
    cy_task *r2 = reader("r2", &loop, p[0], &log, 1);
    cy_task *c = actor("c", &loop, 1, -1, NULL, r1, &log);
    launch(&loop, r1);
    launch(&loop, r2);
    launch(&loop, c);
    /* r2 still waits: the loop blocks in epoll_wait; write from a timer */
    cy_task *w = actor("w", &loop, 2, p[1], "x", NULL, &log);
    launch(&loop, w);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(r1->status, CY_CANCELLED);
    assert_int_equal(r2->status, CY_FINISHED);
    assert_string_equal(log.buf, "c cancels at 1\n"
                                 "r1 cleanup\n"
                                 "w wrote 'x' at 2\n"
                                 "r2 read 'x' at 2\n"
                                 "r2 cleanup\n");
    assert_int_equal(loop.io_waiting, 0);
    cy_task_free(r1);
    cy_task_free(r2);
    cy_task_free(c);
    cy_task_free(w);

    /* cancelled from outside the loop, then freed: nothing left behind */
    log.len = 0;
    log.buf[0] = '\0';
    cy_task *r3 = reader("r3", &loop, p[0], &log, 1);
    launch(&loop, r3);
    cy_task *sl = cy_sleep(&loop, 1);
    assert_int_equal(cy_loop_run_until_complete(&loop, sl), 0);
    cy_task_free(sl);
    assert_int_equal(loop.io_waiting, 1);
    cy_task_free(r3); /* cancels it; the loop retires it */
    assert_int_equal(loop.io_waiting, 0);
    assert_int_equal(write(p[1], "y", 1), 1);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_string_equal(log.buf, "r3 cleanup\n");

    /* a task still waiting when the loop closes is cancelled */
    log.len = 0;
    log.buf[0] = '\0';
    char buf[8];
    assert_int_equal(read(p[0], buf, sizeof buf), 1);
    cy_task *r4 = reader("r4", &loop, p[0], &log, 1);
    assert_int_equal(cy_loop_schedule(&loop, r4), 0);
    sl = cy_sleep(&loop, 1);
    assert_int_equal(cy_loop_run_until_complete(&loop, sl), 0);
    cy_task_free(sl);
    cy_loop_close(&loop);
    assert_string_equal(log.buf, "r4 cleanup\n");
    close(p[0]);
    close(p[1]);
}

/* asyncio.wait_for(readable, timeout): the timer and the fd together. */
static void test_timer_and_fd(void **state)
{
    (void)state;
    cy_loop loop;
    struct log log = { .len = 0 };
    int p[2];
    make_pipe(p);
    virtual_loop(&loop);
    cy_task *rd = cy_readable(&loop, p[0]);
    cy_task *wf = cy_wait_for(&loop, rd, 2);
    assert_int_equal(cy_loop_run_until_complete(&loop, wf), 0);
    assert_int_equal(wf->status, CY_ERROR);
    assert_int_equal(wf->err, -ETIMEDOUT);
    assert_int_equal(rd->status, CY_CANCELLED);
    assert_int_equal(loop.io_waiting, 0);
    assert_true(cy_loop_time(&loop) == 2);
    cy_task_free(wf);
    cy_task_free(rd);

    /* the fd first this time */
    rd = cy_readable(&loop, p[0]);
    wf = cy_wait_for(&loop, rd, 5);
    cy_task *w = actor("w", &loop, 1, p[1], "z", NULL, &log);
    launch(&loop, w);
    assert_int_equal(cy_loop_run_until_complete(&loop, wf), 0);
    assert_int_equal(wf->status, CY_FINISHED);
    assert_int_equal(rd->status, CY_FINISHED);
    assert_true(cy_loop_time(&loop) == 3);
    cy_task_free(wf);
    cy_task_free(rd);
    cy_task_free(w);
    cy_loop_close(&loop);
    char buf[8];
    assert_int_equal(read(p[0], buf, sizeof buf), 1);

    /* real time: a 300 ms timer and a write at 5 ms, in that order (the
     * margin is wide so that a loaded machine, or valgrind, cannot make
     * both timers expire in one turn of the loop) */
    log.len = 0;
    log.buf[0] = '\0';
    assert_int_equal(cy_loop_init(&loop), 0);
    assert_int_equal(cy_loop_set_time_scale(&loop, 0.001), 0);
    cy_task *r = reader("r", &loop, p[0], &log, 1);
    w = actor("w", &loop, 5, p[1], "t", NULL, &log);
    cy_task *late = actor("late", &loop, 300, p[1], "u", NULL, &log);
    launch(&loop, r);
    launch(&loop, w);
    launch(&loop, late);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_true(cy_loop_time(&loop) >= 300);
    assert_non_null(strstr(log.buf, "r read 't' at"));
    assert_true(strstr(log.buf, "r read") < strstr(log.buf, "late wrote"));
    cy_task_free(r);
    cy_task_free(w);
    cy_task_free(late);
    cy_loop_close(&loop);
    close(p[0]);
    close(p[1]);
}

#define NFDS 200

static void test_many_fds(void **state)
{
    (void)state;
    cy_loop loop;
    virtual_loop(&loop);
    static int p[NFDS][2];
    static cy_task *r[NFDS], *w[NFDS];
    static char names[NFDS][16];
    for (int i = 0; i < NFDS; i++) {
        make_pipe(p[i]);
        snprintf(names[i], sizeof names[i], "r%d", i);
        r[i] = reader(names[i], &loop, p[i][0], NULL, 1);
        launch(&loop, r[i]);
        /* written in reverse order, one per unit of time */
        w[i] = actor("w", &loop, NFDS - i, p[i][1], "m", NULL, NULL);
        launch(&loop, w[i]);
    }
    /* two readers on one fd, both woken */
    struct log log = { .len = 0 };
    cy_task *a = reader("a", &loop, p[0][0], &log, 1);
    cy_task *b = reader("b", &loop, p[0][0], &log, 1);
    ((struct reader__frame *)a)->write = 0;
    launch(&loop, a);
    launch(&loop, b);
    assert_int_equal(cy_loop_run(&loop), 0);
    for (int i = 0; i < NFDS; i++) {
        assert_int_equal(r[i]->status, CY_FINISHED);
        cy_task_free(r[i]);
        cy_task_free(w[i]);
    }
    /* one of r0, a, b read the byte; the others read nothing (EAGAIN) */
    assert_int_equal(a->status, CY_FINISHED);
    assert_int_equal(b->status, CY_FINISHED);
    assert_int_equal(loop.io_waiting, 0);
    assert_true(cy_loop_time(&loop) == NFDS);
    cy_task_free(a);
    cy_task_free(b);
    cy_loop_close(&loop);
    for (int i = 0; i < NFDS; i++) {
        close(p[i][0]);
        close(p[i][1]);
    }
}

static void test_errors_and_by_hand(void **state)
{
    (void)state;
    cy_loop loop;
    struct log log = { .len = 0 };
    virtual_loop(&loop);
    /* a NULL loop: a task failed with -EINVAL, as every wait says no */
    assert_int_equal(cy_task_error(cy_readable(NULL, 0)), -EINVAL);
    assert_int_equal(cy_task_error(cy_writable(NULL, 0)), -EINVAL);
    cy_task *r = reader("bad", &loop, -1, &log, 1);
    assert_int_equal(cy_loop_run_until_complete(&loop, r), 0);
    assert_int_equal(r->status, CY_ERROR);
    assert_int_equal(r->err, -EBADF);
    cy_task_free(r);
    /* a closed fd (a high one: the epoll fd, made now, takes the
     * lowest free number) */
    int p[2];
    assert_int_equal(fcntl(900, F_GETFD), -1);
    r = reader("closed", &loop, 900, &log, 1);
    assert_int_equal(cy_loop_run_until_complete(&loop, r), 0);
    assert_int_equal(r->err, -EBADF);
    cy_task_free(r);
    /* a regular file: epoll refuses it */
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    r = reader("file", &loop, fileno(tmp), &log, 1);
    assert_int_equal(cy_loop_run_until_complete(&loop, r), 0);
    assert_int_equal(r->err, -EPERM);
    cy_task_free(r);
    fclose(tmp);
    assert_string_equal(log.buf, "bad failed 9\n"
                                 "bad cleanup\n"
                                 "closed failed 9\n"
                                 "closed cleanup\n"
                                 "file failed 1\n"
                                 "file cleanup\n");
    /* stepped by hand: polls */
    log.len = 0;
    log.buf[0] = '\0';
    make_pipe(p);
    r = reader("h", &loop, p[0], &log, 1);
    assert_int_equal(cy_task_step(r), 1);
    assert_int_equal(cy_task_step(r), 1);
    assert_int_equal(write(p[1], "k", 1), 1);
    assert_int_equal(cy_task_step(r), 0);
    assert_string_equal(log.buf, "h read 'k' at 0\nh cleanup\n");
    cy_task_free(r);
    assert_int_equal(loop.io_waiting, 0);
    cy_loop_close(&loop);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readable_after_write),
        cmocka_unit_test(test_readable_at_once_and_eof),
        cmocka_unit_test(test_writable),
        cmocka_unit_test(test_cancel_while_waiting),
        cmocka_unit_test(test_timer_and_fd),
        cmocka_unit_test(test_many_fds),
        cmocka_unit_test(test_errors_and_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
