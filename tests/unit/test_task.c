/*
 * test_task.c - unit tests of the task half of the runtime (cmocka).
 *
 * The frames below are written by hand with frames.h, which writes the
 * contract's parts (desc, constructor, dispatch, suspensions) as coroc
 * emits them (docs/generated-code.md).  Instead of printf they append to
 * a log the test owns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "coroc.h"

#include "article_frames.h"

/* ---- coroutine(int, void) void count(int n): yield 0 .. n-1 ------------- */

struct count__frame {
    cy_task cy_task;
    int n;
    int cy_yield;
    union {
        struct { int i; } s1;
    };
};
FRAME_DESC(count, FRAME_YIELD(count));
static cy_task *count(int n)
{
    FRAME_NEW(count);
    cy_f->n = n;
    return FRAME_TASK;
}
FRAME_RESUME(count)
{
    FRAME_SWITCH(count)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    for (cy_f->s1.i = 0; cy_f->s1.i < cy_f->n; cy_f->s1.i++) {
        FRAME_YIELD_VALUE(1, cy_f->s1.i);
    }
    return cy_t;
}

/* ---- coroutine(int) void maybe(void): yield 1; yield; yield 2; -----------
 * a bare yield in a coroutine with a yield type yields no value: the frame
 * switches to a second descriptor whose yield_size is 0 */
struct maybe__frame {
    cy_task cy_task;
    int cy_yield;
};
static cy_task *maybe__resume(cy_task *cy_t);
static const cy_desc maybe__desc = {
    .name = "maybe", .resume = maybe__resume,
    .size = sizeof(struct maybe__frame),
    .yield_offset = offsetof(struct maybe__frame, cy_yield),
    .yield_size = sizeof(int),
    .yield_kind = CY_KIND_OF(int),
};
static const cy_desc maybe__desc_none = {
    .name = "maybe", .resume = maybe__resume,
    .size = sizeof(struct maybe__frame),
};
static cy_task *maybe(void)
{
    struct maybe__frame *cy_f = cy_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    cy_task_init(&cy_f->cy_task, &maybe__desc, CY_F_HEAP);
    return &cy_f->cy_task;
}
static cy_task *maybe__resume(cy_task *cy_t)
{
    struct maybe__frame *cy_f = (struct maybe__frame *)cy_t;
    switch (cy_f->cy_task.state) {
    case 0: break;
    case CY_STATE_CANCEL: return cy_t;
    case 1: goto cy_resume_1;
    case 2: goto cy_resume_2;
    case 3: goto cy_resume_3;
    }
    cy_f->cy_yield = 1; cy_f->cy_task.desc = &maybe__desc;
    cy_f->cy_task.state = 1; return NULL; cy_resume_1:;
    cy_f->cy_task.desc = &maybe__desc_none;
    cy_f->cy_task.state = 2; return NULL; cy_resume_2:;
    cy_f->cy_yield = 2; cy_f->cy_task.desc = &maybe__desc;
    cy_f->cy_task.state = 3; return NULL; cy_resume_3:;
    return cy_t;
}

/* ---- coroutine(double, double) double averager(void) --------------------
 *   double total = 0, avg = 0; long n = 0;
 *   for (;;) { double x = yield avg; if (x < 0) return avg;
 *              total += x; n++; avg = total / n; }
 */
struct averager__frame {
    cy_task cy_task;
    double cy_yield;
    double cy_recv;
    union {
        struct { double total, avg; long n; } s1;
        double cy_result;
    };
};
FRAME_DESC(averager, FRAME_RESULT(averager), FRAME_YIELD(averager),
           FRAME_RECV(averager));
static cy_task *averager(void)
{
    FRAME_NEW(averager);
    return FRAME_TASK;
}
FRAME_RESUME(averager)
{
    FRAME_SWITCH(averager)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    cy_f->s1.total = 0;
    cy_f->s1.avg = 0;
    cy_f->s1.n = 0;
    for (;;) {
        double x;
        FRAME_YIELD_VALUE(1, cy_f->s1.avg);
        x = cy_f->cy_recv;
        if (x < 0)
            FRAME_RETURN(double, cy_f->s1.avg);
        cy_f->s1.total += x;
        cy_f->s1.n++;
        cy_f->s1.avg = cy_f->s1.total / (double)cy_f->s1.n;
    }
}

/* ---- coroutine int fails(int after): yields `after` times, then throws
 *      EIO ---------------------------------------------------------------- */

struct fails__frame {
    cy_task cy_task;
    int after;
    union {
        struct { int i; } s1;
        int cy_result;
    };
};
FRAME_DESC(fails, FRAME_RESULT(fails));
static cy_task *fails(int after)
{
    FRAME_NEW(fails);
    cy_f->after = after;
    return FRAME_TASK;
}
FRAME_RESUME(fails)
{
    FRAME_SWITCH(fails)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    for (cy_f->s1.i = 0; cy_f->s1.i < cy_f->after; cy_f->s1.i++) {
        FRAME_SUSPEND(1);
    }
    FRAME_THROW(EIO);
}

/* ---- coroutine int child(int x): yield x; yield x + 1; return 2 * x; ----
 * yields ints, receives ints (stores the sum of what it was sent).      */
struct child__frame {
    cy_task cy_task;
    int x;
    int cy_yield;
    int cy_recv;
    int got;
    union {
        int cy_result;
    };
};
FRAME_DESC(child, FRAME_RESULT(child), FRAME_YIELD(child), FRAME_RECV(child));
static cy_task *child(int x)
{
    FRAME_NEW(child);
    cy_f->x = x;
    return FRAME_TASK;
}
FRAME_RESUME(child)
{
    FRAME_SWITCH(child)
    FRAME_AT(1)
    FRAME_AT(2)
    FRAME_CANCEL_RETURNS
    FRAME_YIELD_VALUE(1, cy_f->x);
    cy_f->got += cy_f->cy_recv;
    FRAME_YIELD_VALUE(2, cy_f->x + 1);
    cy_f->got += cy_f->cy_recv;
    FRAME_RETURN(int, 2 * cy_f->x + cy_f->got);
}

/* ---- coroutine int parent(int kind) --------------------------------------
 *   kind 0: int v = await child(10); yield; return v + 1;
 *   kind 1: await fails(1); return 0;   (the child fails: so does parent)
 *   kind 2: await an already finished frame     (misuse)
 * The awaited frame is kept in the frame (cy_aw) and freed by the parent
 * once it has read the result. */
struct parent__frame {
    cy_task cy_task;
    int kind;
    cy_task *cy_aw;
    union {
        struct { int v; } s1;
        int cy_result;
    };
};
FRAME_DESC(parent, FRAME_RESULT(parent));
static cy_task *parent(int kind)
{
    FRAME_NEW(parent);
    cy_f->kind = kind;
    return FRAME_TASK;
}
FRAME_RESUME(parent)
{
    FRAME_SWITCH(parent)
    FRAME_AT(1)
    FRAME_AT(2)
    FRAME_AT(3)
    FRAME_CANCEL_RETURNS
    if (cy_f->kind == 0) {
        cy_f->cy_aw = child(10);
        FRAME_AWAIT_CHILD(1, cy_f->cy_aw);
        cy_f->s1.v = CY_RESULT(cy_f->cy_aw, int);
        cy_task_free(cy_f->cy_aw);
        cy_f->cy_aw = NULL;
        FRAME_SUSPEND(2);
        FRAME_RETURN(int, cy_f->s1.v + 1);
    }
    if (cy_f->kind == 1) {
        cy_f->cy_aw = fails(1);
        FRAME_AWAIT_CHILD(3, cy_f->cy_aw);
        /* resumed in the step the child failed: propagate, as coroc's
         * await does */
        if (cy_f->cy_aw->status == CY_ERROR) {
            cy_t->err = cy_f->cy_aw->err;
            cy_task_free(cy_f->cy_aw);
            cy_f->cy_aw = NULL;
            cy_t->status = CY_ERROR;
            return cy_t;
        }
        fail_msg("the child did not fail");
    }
    /* kind 2: await a frame that is already done */
    cy_f->cy_aw = count(0);
    cy_task_step(cy_f->cy_aw);
    cy_f->cy_task.state = 3;
    return cy_f->cy_aw;
}

/* ---- coroutine int nest(int depth, int fail) -- a deep await chain:
 *   depth ? await nest(depth - 1, fail) + 1 : (yield, fail ? ENOSPC : 0)
 * a failed await makes the frame fail too, as coroc's await does. ------- */
struct nest__frame {
    cy_task cy_task;
    int depth;
    int fail;
    cy_task *cy_aw;
    union {
        int cy_result;
    };
};
FRAME_DESC(nest, FRAME_RESULT(nest));
static cy_task *nest(int depth, int fail)
{
    FRAME_NEW(nest);
    cy_f->depth = depth;
    cy_f->fail = fail;
    return FRAME_TASK;
}
FRAME_RESUME(nest)
{
    FRAME_SWITCH(nest)
    FRAME_AT(1)
    FRAME_AT(2)
    FRAME_CANCEL_RETURNS
    if (cy_f->depth == 0) {
        FRAME_SUSPEND(2);
        if (cy_f->fail)
            FRAME_THROW(ENOSPC);
        FRAME_RETURN(int, 0);
    }
    cy_f->cy_aw = nest(cy_f->depth - 1, cy_f->fail);
    FRAME_AWAIT_CHILD(1, cy_f->cy_aw);
    if (cy_f->cy_aw->status == CY_ERROR) {
        cy_t->err = cy_f->cy_aw->err;
        cy_task_free(cy_f->cy_aw);
        cy_f->cy_aw = NULL;
        cy_t->status = CY_ERROR;
        return cy_t;
    }
    {
        int cy_r = CY_RESULT(cy_f->cy_aw, int) + 1;
        cy_task_free(cy_f->cy_aw);
        cy_f->cy_aw = NULL;
        cy_f->cy_result = cy_r;
        return cy_t;
    }
}

/* ---- a frame on the stack (no CY_F_HEAP): a void coroutine -------------- */

struct once__frame {
    cy_task cy_task;
};
FRAME_DESC(once, FRAME_NO_VALUE);
FRAME_RESUME(once)
{
    FRAME_SWITCH(once)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    FRAME_SUSPEND(1);
    return cy_t;
}

/* ---- coroutine(void, struct b70k) struct b64k big(void): values past
 *      16 bits (issue 9: 65 536 bytes were recorded as 0, 70 000 as 4 464)
 *   struct b70k v = yield; struct b64k r = {0}; r.bytes[65535] =
 *   v.bytes[69999] + 1; return r; */
struct b70k { unsigned char bytes[70000]; };
struct b64k { unsigned char bytes[65536]; };
struct big__frame {
    cy_task cy_task;
    struct b70k cy_recv;
    struct b64k cy_result;
};
FRAME_DESC(big, FRAME_RESULT(big), FRAME_RECV(big));
static cy_task *big(void)
{
    FRAME_NEW(big);
    return FRAME_TASK;
}
FRAME_RESUME(big)
{
    FRAME_SWITCH(big)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    FRAME_SUSPEND(1);
    cy_f->cy_result.bytes[65535] =
        (unsigned char)(cy_f->cy_recv.bytes[69999] + 1);
    return cy_t;
}

/* ---- helpers ------------------------------------------------------------ */

static char *repr(const cy_task *t, char *buf, size_t size)
{
    int n = cy_task_repr(t, buf, size);
    assert_true(n >= 0 && (size_t)n < size);
    return buf;
}

static const char *vrepr(int kind, size_t vsize, const void *v, char *buf,
                         size_t size)
{
    int n = cy_value_repr(kind, vsize, v, buf, size);
    assert_int_equal(n, (int)strlen(buf));
    return buf;
}

/* ---- tests: stepping ---------------------------------------------------- */

static void test_tic_tac_next(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *t = tic_tac(&log);
    assert_non_null(t);
    assert_int_equal(cy_task_status(t), CY_NEW);
    assert_string_equal(cy_task_name(t), "tic_tac");
    assert_string_equal(log.buf, "");
    assert_null(cy_task_result(t));

    assert_int_equal(cy_task_step(t), 1);
    assert_string_equal(log.buf, "Tic\n");
    assert_int_equal(cy_task_status(t), CY_RUNNING);
    assert_false(cy_task_done(t));

    assert_int_equal(cy_task_step(t), 1);
    assert_string_equal(log.buf, "Tic\nTac\n");
    assert_null(cy_task_result(t));

    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    assert_true(cy_task_done(t));
    assert_int_equal(cy_task_error(t), 0);
    assert_non_null(cy_task_result(t));
    assert_string_equal(CY_RESULT(t, const char *), "Boum!");
    assert_null(cy_task_yielded(t));

    /* stepping a done task is an error and changes nothing */
    assert_int_equal(cy_task_step(t), -EINVAL);
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    assert_string_equal(log.buf, "Tic\nTac\n");
    cy_task_free(t);
    assert_int_equal(cy_task_step(NULL), -EINVAL);
}

static void test_yielded_ints(void **state)
{
    (void)state;
    cy_task *t = count(5);
    assert_non_null(t);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(cy_task_step(t), 1);
        assert_non_null(cy_task_yielded(t));
        assert_int_equal(CY_YIELDED(t, int), i);
    }
    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    /* a void coroutine has no result */
    assert_null(cy_task_result(t));
    char buf[64];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'count' [FINISHED] (None)>");
    cy_task_free(t);
}

static void test_yielded_none(void **state)
{
    (void)state;
    cy_task *t = maybe();
    assert_non_null(t);
    assert_int_equal(cy_task_step(t), 1);
    assert_non_null(cy_task_yielded(t));
    assert_int_equal(CY_YIELDED(t, int), 1);
    assert_int_equal(cy_task_step(t), 1);
    assert_null(cy_task_yielded(t)); /* a bare yield: None */
    assert_int_equal(cy_task_step(t), 1);
    assert_non_null(cy_task_yielded(t)); /* a value again */
    assert_int_equal(CY_YIELDED(t, int), 2);
    assert_int_equal(cy_task_step(t), 0);
    cy_task_free(t);
}

static void test_send_doubles(void **state)
{
    (void)state;
    cy_task *t = averager();
    assert_non_null(t);
    /* sending into a NEW task starts it; the value is dropped */
    assert_int_equal(CY_SEND(t, double, 100.0), 1);
    assert_true(CY_YIELDED(t, double) == 0.0);
    assert_true(((struct averager__frame *)t)->cy_recv == 0.0);
    assert_int_equal(CY_SEND(t, double, 10.0), 1);
    assert_true(CY_YIELDED(t, double) == 10.0);
    assert_int_equal(CY_SEND(t, double, 20.0), 1);
    assert_true(CY_YIELDED(t, double) == 15.0);
    /* wrong size: refused, nothing runs */
    int i = 5;
    assert_int_equal(cy_task_send(t, &i, sizeof i), -EINVAL);
    assert_int_equal(cy_task_status(t), CY_RUNNING);
    assert_int_equal(CY_SEND(t, double, 30.0), 1);
    assert_true(CY_YIELDED(t, double) == 20.0);
    /* send(None) is a plain step: the frame reads the last value again */
    assert_int_equal(cy_task_send(t, NULL, 0), 1);
    assert_true(CY_YIELDED(t, double) == 22.5);
    assert_int_equal(CY_SEND(t, double, -1.0), 0);
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    assert_true(CY_RESULT(t, double) == 22.5);
    char buf[64];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'averager' [FINISHED] (22.5)>");
    assert_int_equal(CY_SEND(t, double, 1.0), -EINVAL);
    cy_task_free(t);
}

static void test_send_to_non_receiver(void **state)
{
    (void)state;
    cy_task *t = count(2);
    int v = 1;
    assert_int_equal(cy_task_send(t, &v, sizeof v), -EINVAL);
    assert_int_equal(cy_task_status(t), CY_NEW);
    assert_int_equal(cy_task_send(t, NULL, 0), 1);
    assert_int_equal(cy_task_send(NULL, NULL, 0), -EINVAL);
    cy_task_free(t);
}

static void test_await_child(void **state)
{
    (void)state;
    cy_task *t = parent(0);
    assert_non_null(t);
    /* step 1: parent awaits child(10), which runs at once and yields 10 */
    assert_int_equal(cy_task_step(t), 1);
    assert_ptr_not_equal(t->link, t);
    assert_ptr_equal(t->link->link, t);
    assert_string_equal(cy_task_name(t->link), "child");
    /* yielded and send reach the innermost frame, as yield from does */
    assert_int_equal(CY_YIELDED(t, int), 10);
    assert_int_equal(CY_SEND(t, int, 100), 1);
    assert_int_equal(CY_YIELDED(t, int), 11);
    /* the child returns 2*10+100+1000; the parent resumes in the same step
     * and suspends at its own yield */
    assert_int_equal(CY_SEND(t, int, 1000), 1);
    assert_ptr_equal(t->link, t);
    assert_null(cy_task_yielded(t));
    assert_int_equal(cy_task_status(t), CY_RUNNING);
    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(CY_RESULT(t, int), 1121);
    char buf[64];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'parent' [FINISHED] (1121)>");
    cy_task_free(t);
}

static void test_deep_await_chain(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    cy_task *t = nest(DEPTH, 0);
    assert_non_null(t);
    /* the whole chain is built in one step, without recursion */
    assert_int_equal(cy_task_step(t), 1);
    assert_int_equal(((struct nest__frame *)t->link)->depth, 0);
    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(CY_RESULT(t, int), DEPTH);
    cy_task_free(t);
}

static void test_values_past_16_bits(void **state)
{
    (void)state;
    assert_int_equal(big__desc.result_size, 65536);
    assert_int_equal(big__desc.recv_size, 70000);
    cy_task *t = big();
    assert_non_null(t);
    assert_int_equal(cy_task_step(t), 1);
    static struct b70k v; /* not on the stack: 70 KB */
    v.bytes[69999] = 41;
    /* the size the frame receives, not what 16 bits would keep of it */
    assert_int_equal(cy_task_send(t, &v, 70000 - 65536), -EINVAL);
    assert_int_equal(cy_task_send(t, &v, sizeof v), 0);
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    const struct b64k *r = cy_task_result(t);
    assert_non_null(r);
    assert_int_equal(r->bytes[65535], 42);
    assert_int_equal(r->bytes[0], 0);
    char buf[64];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'big' [FINISHED] (<value>)>");
    cy_task_free(t);
}

static void test_free_mid_await(void **state)
{
    (void)state;
    /* freeing a task suspended deep in an await chain frees every frame
     * (valgrind / ASan check that none leaks and none is freed twice) */
    cy_task *t = nest(50, 0);
    assert_int_equal(cy_task_step(t), 1);
    cy_task_free(t);
    t = parent(0);
    assert_int_equal(cy_task_step(t), 1);
    cy_task_free(t);
}

static void test_error(void **state)
{
    (void)state;
    cy_task *t = fails(2);
    assert_int_equal(cy_task_step(t), 1);
    assert_int_equal(cy_task_step(t), 1);
    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(cy_task_status(t), CY_ERROR);
    assert_true(cy_task_done(t));
    assert_int_equal(cy_task_error(t), -EIO);
    assert_null(cy_task_result(t));
    char buf[80];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'fails' [ERROR] (error: Input/output error)>");
    assert_int_equal(cy_task_result_repr(t, buf, sizeof buf), 4);
    assert_string_equal(buf, "None");
    assert_int_equal(cy_task_step(t), -EINVAL);
    assert_int_equal(cy_task_cancel(t), -EINVAL);
    assert_int_equal(cy_task_status(t), CY_ERROR);
    cy_task_free(t);
}

static void test_error_in_child_propagates(void **state)
{
    (void)state;
    cy_task *t = parent(1);
    assert_int_equal(cy_task_step(t), 1); /* the child yields once */
    cy_task *c = t->link;
    assert_string_equal(cy_task_name(c), "fails");
    /* then fails; the parent resumes in the same step and fails too */
    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(cy_task_status(t), CY_ERROR);
    assert_int_equal(cy_task_error(t), -EIO);
    assert_ptr_equal(t->link, t);
    assert_null(((struct parent__frame *)t)->cy_aw); /* it freed the child */
    char buf[80];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'parent' [ERROR] (error: Input/output error)>");
    cy_task_free(t);
}

static void test_error_deep_chain(void **state)
{
    (void)state;
    /* the innermost of 1000 frames fails: each parent resumes, frees its
     * child and fails in turn, all in one step */
    cy_task *t = nest(1000, 1);
    assert_int_equal(cy_task_step(t), 1);
    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(cy_task_status(t), CY_ERROR);
    assert_int_equal(cy_task_error(t), -ENOSPC);
    assert_ptr_equal(t->link, t);
    char buf[80];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'nest' [ERROR] (error: No space left on device)>");
    cy_task_free(t);
}

static void test_await_done_frame(void **state)
{
    (void)state;
    cy_task *t = parent(2);
    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(cy_task_status(t), CY_ERROR);
    assert_int_equal(cy_task_error(t), -EINVAL);
    char buf[80];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'parent' [ERROR] (error: Invalid argument)>");
    /* the done frame was not linked in: the parent frame still owns it */
    assert_ptr_equal(t->link, t);
    cy_task_free(((struct parent__frame *)t)->cy_aw);
    cy_task_free(t);
}

static void test_cancel(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *t = tic_tac(&log);
    assert_int_equal(cy_task_step(t), 1);
    assert_int_equal(cy_task_cancel(t), 0);
    assert_int_equal(cy_task_status(t), CY_CANCELLED);
    assert_int_equal(cy_task_error(t), -ECANCELED);
    assert_true(cy_task_done(t));
    assert_int_equal(cy_task_step(t), -EINVAL);
    assert_string_equal(log.buf, "Tic\n"); /* it never ran again */
    assert_null(cy_task_result(t));
    char buf[64];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'tic_tac' [CANCELLED]>");
    assert_int_equal(cy_task_cancel(t), -EINVAL);
    assert_int_equal(cy_task_cancel(NULL), -EINVAL);
    cy_task_free(t);
    cy_task_free(NULL);
}

static void test_stack_frame(void **state)
{
    (void)state;
    /* a frame without CY_F_HEAP is never free()d (ASan would object) */
    struct once__frame f;
    cy_task_init(&f.cy_task, &once__desc, 0);
    char buf[64];
    assert_string_equal(repr(&f.cy_task, buf, sizeof buf),
                        "<Task 'once' [NEW] (None)>");
    assert_int_equal(cy_task_step(&f.cy_task), 1);
    assert_string_equal(repr(&f.cy_task, buf, sizeof buf),
                        "<Task 'once' [RUNNING] (None)>");
    assert_int_equal(cy_task_step(&f.cy_task), 0);
    assert_string_equal(repr(&f.cy_task, buf, sizeof buf),
                        "<Task 'once' [FINISHED] (None)>");
    cy_task_free(&f.cy_task);
    /* a NEW stack frame freed is cancelled first */
    cy_task_init(&f.cy_task, &once__desc, 0);
    cy_task_free(&f.cy_task);
    assert_int_equal(f.cy_task.status, CY_CANCELLED);
}

/* ---- tests: printing ---------------------------------------------------- */

static void test_task_repr_article(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *t = tic_tac(&log);
    char buf[64];
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'tic_tac' [NEW] (None)>");
    cy_task_step(t);
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'tic_tac' [RUNNING] (None)>");
    cy_task_step(t);
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'tic_tac' [RUNNING] (None)>");
    cy_task_step(t);
    assert_string_equal(repr(t, buf, sizeof buf),
                        "<Task 'tic_tac' [FINISHED] ('Boum!')>");
    assert_int_equal(cy_task_result_repr(t, buf, sizeof buf), 7);
    assert_string_equal(buf, "'Boum!'");

    /* snprintf semantics: truncated, NUL-terminated, full length back */
    char small[10];
    memset(small, 'x', sizeof small);
    assert_int_equal(cy_task_repr(t, small, sizeof small), 37);
    assert_string_equal(small, "<Task 'ti");
    assert_int_equal(cy_task_repr(t, NULL, 0), 37);
    char one[1] = { 'x' };
    assert_int_equal(cy_task_repr(t, one, 1), 37);
    assert_int_equal(one[0], '\0');
    cy_task_free(t);
}

static void test_task_print(void **state)
{
    (void)state;
    struct log log = { .len = 0 };
    cy_task *t = tic_tac(&log);
    while (cy_task_step(t) == 1)
        ;
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(cy_task_print(t, f), 0);
    rewind(f);
    char line[80] = "";
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "<Task 'tic_tac' [FINISHED] ('Boum!')>\n");
    fclose(f);
    cy_task_free(t);
}

static void test_task_print_long(void **state)
{
    (void)state;
    /* a repr longer than cy_task_print's stack buffer */
    char name[401];
    memset(name, 'n', 400);
    name[400] = '\0';
    const cy_desc desc = { .name = name, .resume = once__resume,
                           .size = sizeof(struct once__frame) };
    struct once__frame f;
    cy_task_init(&f.cy_task, &desc, 0);
    FILE *out = tmpfile();
    assert_non_null(out);
    assert_int_equal(cy_task_print(&f.cy_task, out), 0);
    long len = ftell(out);
    /* <Task ' + name + ' [NEW] (None)> + newline */
    assert_int_equal(len, 7 + 400 + 16);
    rewind(out);
    char line[512] = "";
    assert_non_null(fgets(line, sizeof line, out));
    assert_int_equal(strncmp(line + 407, "' [NEW] (None)>\n", 16), 0);
    fclose(out);
}

static void test_repr_strings(void **state)
{
    (void)state;
    char buf[128];
    const char *s;
#define STR(text, expect)                                                  \
    do {                                                                   \
        s = (text);                                                        \
        assert_string_equal(                                               \
            vrepr(CY_KIND_STRING, sizeof s, &s, buf, sizeof buf), expect); \
    } while (0)
    STR("Boum!", "'Boum!'");
    STR("", "''");
    STR("it's", "\"it's\"");
    STR("say \"hi\"", "'say \"hi\"'");
    STR("it's \"x\"", "'it\\'s \"x\"'");
    STR("a\nb\tc\\d\re", "'a\\nb\\tc\\\\d\\re'");
    STR("\x01\x1f\x7f", "'\\x01\\x1f\\x7f'");
    STR("caf\xc3\xa9", "'caf\xc3\xa9'");
    STR(NULL, "None");
#undef STR
    char c = 'a';
    assert_string_equal(vrepr(CY_KIND_CHAR, 1, &c, buf, sizeof buf), "'a'");
    c = '\'';
    assert_string_equal(vrepr(CY_KIND_CHAR, 1, &c, buf, sizeof buf),
                        "\"'\"");
    c = '\0';
    assert_string_equal(vrepr(CY_KIND_CHAR, 1, &c, buf, sizeof buf),
                        "'\\x00'");
    c = '\n';
    assert_string_equal(vrepr(CY_KIND_CHAR, 1, &c, buf, sizeof buf),
                        "'\\n'");
}

static void test_repr_ints(void **state)
{
    (void)state;
    char buf[64];
    int8_t i8 = -128;
    int16_t i16 = -32768;
    int32_t i32 = INT32_MIN;
    int64_t i64 = INT64_MIN;
    uint8_t u8 = 255;
    uint16_t u16 = 65535;
    uint32_t u32 = UINT32_MAX;
    uint64_t u64 = UINT64_MAX;
    assert_string_equal(vrepr(CY_KIND_INT, 1, &i8, buf, sizeof buf), "-128");
    assert_string_equal(vrepr(CY_KIND_INT, 2, &i16, buf, sizeof buf),
                        "-32768");
    assert_string_equal(vrepr(CY_KIND_INT, 4, &i32, buf, sizeof buf),
                        "-2147483648");
    assert_string_equal(vrepr(CY_KIND_INT, 8, &i64, buf, sizeof buf),
                        "-9223372036854775808");
    assert_string_equal(vrepr(CY_KIND_UINT, 1, &u8, buf, sizeof buf), "255");
    assert_string_equal(vrepr(CY_KIND_UINT, 2, &u16, buf, sizeof buf),
                        "65535");
    assert_string_equal(vrepr(CY_KIND_UINT, 4, &u32, buf, sizeof buf),
                        "4294967295");
    assert_string_equal(vrepr(CY_KIND_UINT, 8, &u64, buf, sizeof buf),
                        "18446744073709551615");
    int zero = 0;
    assert_string_equal(vrepr(CY_KIND_OF(int), sizeof zero, &zero, buf,
                              sizeof buf), "0");
    /* an unsupported size is not guessed at */
    assert_string_equal(vrepr(CY_KIND_INT, 3, &i32, buf, sizeof buf),
                        "<value>");
    _Bool b = 1;
    assert_string_equal(vrepr(CY_KIND_OF(_Bool), sizeof b, &b, buf,
                              sizeof buf), "True");
    b = 0;
    assert_string_equal(vrepr(CY_KIND_BOOL, sizeof b, &b, buf, sizeof buf),
                        "False");
}

static void test_repr_floats(void **state)
{
    (void)state;
    char buf[64];
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        { 2.0, "2.0" },
        { 0.0, "0.0" },
        { -0.0, "-0.0" },
        { 0.1, "0.1" },
        { 22.5, "22.5" },
        { 1.0 / 3.0, "0.3333333333333333" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { 1e15, "1000000000000000.0" },
        { 1e16, "1e+16" },
        { 1.5e16, "1.5e+16" },
        { 123456789012345678.0, "1.2345678901234568e+17" },
        { 1e-4, "0.0001" },
        { 1e-5, "1e-05" },
        { 1.5e-7, "1.5e-07" },
        { -2.5e-300, "-2.5e-300" },
        { 5e-324, "5e-324" },
        { DBL_MAX, "1.7976931348623157e+308" },
        { 100.0, "100.0" },
        { 123.456, "123.456" },
        { -1.25, "-1.25" },
        { INFINITY, "inf" },
        { -INFINITY, "-inf" },
        { NAN, "nan" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(vrepr(CY_KIND_FLOAT, sizeof(double), &cases[i].v,
                                  buf, sizeof buf), cases[i].text);
    float f = 0.1f;
    assert_string_equal(vrepr(CY_KIND_OF(float), sizeof f, &f, buf,
                              sizeof buf), "0.1");
    f = 3.14f;
    assert_string_equal(vrepr(CY_KIND_FLOAT, sizeof f, &f, buf, sizeof buf),
                        "3.14");
    f = 16777216.0f;
    assert_string_equal(vrepr(CY_KIND_FLOAT, sizeof f, &f, buf, sizeof buf),
                        "16777216.0");
    long double ld = 0.1L;
    assert_string_equal(vrepr(CY_KIND_FLOAT, sizeof ld, &ld, buf,
                              sizeof buf), "0.1");
    ld = 2.0L;
    assert_string_equal(vrepr(CY_KIND_FLOAT, sizeof ld, &ld, buf,
                              sizeof buf), "2.0");
}

static void test_repr_misc(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(vrepr(CY_KIND_VOID, 0, NULL, buf, sizeof buf),
                        "None");
    void *p = NULL;
    assert_string_equal(vrepr(CY_KIND_PTR, sizeof p, &p, buf, sizeof buf),
                        "None");
    p = (void *)(uintptr_t)0x1234abcd;
    assert_string_equal(vrepr(CY_KIND_OF(void *), sizeof p, &p, buf,
                              sizeof buf), "0x1234abcd");
    struct { int a, b; } pair = { 1, 2 };
    assert_int_equal(CY_KIND_OF(struct cy_loop), CY_KIND_OTHER);
    assert_string_equal(vrepr(CY_KIND_OTHER, sizeof pair, &pair, buf,
                              sizeof buf), "<value>");
    int x = 3;
    assert_string_equal(vrepr(CY_KIND_INT, sizeof x, NULL, buf, sizeof buf),
                        "None");
    assert_int_equal(CY_KIND_OF(const char *), CY_KIND_STRING);
    assert_int_equal(CY_KIND_OF(unsigned char), CY_KIND_UINT);
    assert_int_equal(CY_KIND_OF(char), CY_KIND_CHAR);
    assert_string_equal(cy_status_name(CY_NEW), "NEW");
    assert_string_equal(cy_status_name(CY_RUNNING), "RUNNING");
    assert_string_equal(cy_status_name(CY_FINISHED), "FINISHED");
    assert_string_equal(cy_status_name(CY_ERROR), "ERROR");
    assert_string_equal(cy_status_name(CY_CANCELLED), "CANCELLED");
    assert_string_equal(cy_status_name(42), "UNKNOWN");
    assert_string_equal(cy_status_name(-1), "UNKNOWN");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tic_tac_next),
        cmocka_unit_test(test_values_past_16_bits),
        cmocka_unit_test(test_yielded_ints),
        cmocka_unit_test(test_yielded_none),
        cmocka_unit_test(test_send_doubles),
        cmocka_unit_test(test_send_to_non_receiver),
        cmocka_unit_test(test_await_child),
        cmocka_unit_test(test_deep_await_chain),
        cmocka_unit_test(test_free_mid_await),
        cmocka_unit_test(test_error),
        cmocka_unit_test(test_error_in_child_propagates),
        cmocka_unit_test(test_error_deep_chain),
        cmocka_unit_test(test_await_done_frame),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_stack_frame),
        cmocka_unit_test(test_task_repr_article),
        cmocka_unit_test(test_task_print),
        cmocka_unit_test(test_task_print_long),
        cmocka_unit_test(test_repr_strings),
        cmocka_unit_test(test_repr_ints),
        cmocka_unit_test(test_repr_floats),
        cmocka_unit_test(test_repr_misc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
