/*
 * test_debug.c - unit tests of where tasks stand (cmocka): cy_task_line,
 * cy_task_where, cy_loop_all_tasks, cy_loop_dump.
 *
 * Hand-written frames (frames.h) whose descriptors carry a line table as
 * coroc writes one (cy_file, cy_lines, cy_nlines).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coroc.h"

#include "frames.h"

/* ---- coroutine void napper(cy_loop *loop, double d): line 10, sleeps at
 * line 12 (resume point 1), then yields at line 13 (resume point 2) ---- */
struct napper__frame {
    cy_task cy_task;
    cy_loop *loop;
    double d;
    cy_task *cy_aw1;
};
static const cy_u32 napper__lines[3] = { 10, 12, 13 };
FRAME_DESC(napper, .cy_file = "nap.cy", .cy_lines = napper__lines, .cy_nlines = 3);
static cy_task *napper(cy_loop *loop, double d)
{
    FRAME_NEW(napper);
    cy_f->loop = loop;
    cy_f->d = d;
    return FRAME_TASK;
}
FRAME_RESUME(napper)
{
    FRAME_SWITCH(napper)
    FRAME_AT(1)
    FRAME_AT(2)
    FRAME_CANCEL_RETURNS
    cy_f->cy_aw1 = cy_sleep(cy_f->loop, cy_f->d);
    if (!cy_f->cy_aw1) {
        cy_fail(cy_t, -CY_ENOMEM);
        return cy_t;
    }
    cy_f->cy_task.state = 1;
    return cy_await(cy_t, cy_f->cy_aw1);
cy_resume_1:
    cy_await_release(cy_f->cy_aw1);
    FRAME_SUSPEND(2);
    return cy_t;
}

/* ---- coroutine void outer(cy_loop *loop): line 20, awaits napper at
 * line 22 (resume point 1) ---- */
struct outer__frame {
    cy_task cy_task;
    cy_loop *loop;
    cy_task *cy_aw1;
};
static const cy_u32 outer__lines[2] = { 20, 22 };
FRAME_DESC(outer, .cy_file = "nap.cy", .cy_lines = outer__lines, .cy_nlines = 2);
static cy_task *outer(cy_loop *loop)
{
    FRAME_NEW(outer);
    cy_f->loop = loop;
    return FRAME_TASK;
}
FRAME_RESUME(outer)
{
    FRAME_SWITCH(outer)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    cy_f->cy_aw1 = napper(cy_f->loop, 5);
    if (!cy_f->cy_aw1) {
        cy_fail(cy_t, -CY_ENOMEM);
        return cy_t;
    }
    cy_f->cy_task.state = 1;
    return cy_f->cy_aw1;
cy_resume_1:
    cy_task_free(cy_f->cy_aw1);
    return cy_t;
}

/* ---- a frame without a line table (as under --no-line) ---- */
struct plain__frame {
    cy_task cy_task;
};
FRAME_DESC(plain, FRAME_NO_VALUE);
static cy_task *plain(void)
{
    FRAME_NEW(plain);
    return FRAME_TASK;
}
FRAME_RESUME(plain)
{
    FRAME_SWITCH(plain)
    FRAME_AT(1)
    FRAME_CANCEL_RETURNS
    FRAME_SUSPEND(1);
    return cy_t;
}

static void test_task_line(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    cy_task *t = napper(&loop, 0);
    const char *file = "x";
    assert_int_equal(cy_task_line(t, &file), 10); /* not started: its own line */
    assert_string_equal(file, "nap.cy");
    assert_int_equal(cy_task_step(t), 1); /* sleep(0) suspends once */
    assert_int_equal(cy_task_line(t, NULL), 12);
    assert_int_equal(cy_task_step(t), 1); /* then the yield */
    assert_int_equal(cy_task_line(t, NULL), 13);
    char buf[64];
    assert_int_equal(cy_task_where(t, buf, sizeof buf), (int)strlen("napper at nap.cy:13"));
    assert_string_equal(buf, "napper at nap.cy:13");
    /* cut as snprintf cuts, the full length returned */
    assert_int_equal(cy_task_where(t, buf, 7), (int)strlen("napper at nap.cy:13"));
    assert_string_equal(buf, "napper");
    assert_int_equal(cy_task_step(t), 0);
    assert_int_equal(cy_task_status(t), CY_FINISHED);
    file = "x";
    assert_int_equal(cy_task_line(t, &file), 0); /* done: nowhere */
    assert_null(file);
    assert_int_equal(cy_task_where(t, buf, sizeof buf), 6);
    assert_string_equal(buf, "napper");
    cy_task_free(t);

    cy_task *p = plain();
    assert_int_equal(cy_task_step(p), 1);
    assert_int_equal(cy_task_line(p, &file), 0); /* no table */
    assert_null(file);
    assert_int_equal(cy_task_where(p, buf, sizeof buf), 5);
    assert_string_equal(buf, "plain");
    cy_task_free(p);

    assert_int_equal(cy_task_line(NULL, &file), 0);
    assert_int_equal(cy_task_where(NULL, buf, sizeof buf), -EINVAL);
    assert_string_equal(buf, "");
    cy_loop_close(&loop);
}

/* A stream the test reads back. */
static char *dump_of(cy_loop *loop)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(cy_loop_dump(loop, f), 0);
    fclose(f);
    return text;
}

static void test_all_tasks_and_dump(void **state)
{
    (void)state;
    cy_loop loop;
    assert_int_equal(cy_loop_init(&loop), 0);
    assert_int_equal(cy_loop_set_virtual_time(&loop, 1), 0);
    cy_task **v = (cy_task **)&v;
    size_t n = 99;
    assert_int_equal(cy_loop_all_tasks(&loop, &v, &n), 0);
    assert_int_equal(n, 0);
    assert_null(v);
    char *text = dump_of(&loop);
    assert_string_equal(text, "loop: 0 tasks, 0 ready, 0 waiting\n");
    free(text);

    cy_task *o = outer(&loop), *p = plain(), *q = napper(&loop, 1);
    assert_int_equal(cy_loop_launch(&loop, o), 0);
    assert_int_equal(cy_loop_launch(&loop, p), 0);
    assert_int_equal(cy_loop_launch(&loop, q), 0);
    assert_int_equal(cy_loop_all_tasks(&loop, &v, &n), 0);
    assert_int_equal(n, 3); /* all ready, in their order */
    assert_ptr_equal(v[0], o);
    assert_ptr_equal(v[1], p);
    assert_ptr_equal(v[2], q);
    free(v);
    text = dump_of(&loop);
    assert_string_equal(text, "loop: 3 tasks, 3 ready, 0 waiting\n"
                              "  [NEW] ready: outer at nap.cy:20\n"
                              "  [NEW] ready: plain\n"
                              "  [NEW] ready: napper at nap.cy:10\n");
    free(text);

    /* run until o and q sleep (p has finished) */
    assert_int_equal(cy_loop_run_until_complete(&loop, p), 0);
    assert_int_equal(cy_loop_all_tasks(&loop, &v, &n), 0);
    assert_int_equal(n, 2); /* waiting: by name */
    assert_ptr_equal(v[0], q);
    assert_ptr_equal(v[1], o);
    free(v);
    text = dump_of(&loop);
    assert_string_equal(text, "loop: 2 tasks, 0 ready, 2 waiting\n"
                              "  [RUNNING] waiting: napper at nap.cy:12 > sleep\n"
                              "  [RUNNING] waiting: outer at nap.cy:22 > napper at nap.cy:12 > sleep\n");
    free(text);

    assert_int_equal(cy_loop_dump(NULL, stdout), -EINVAL);
    assert_int_equal(cy_loop_dump(&loop, NULL), -EINVAL);
    assert_int_equal(cy_loop_all_tasks(NULL, &v, &n), -EINVAL);
    assert_int_equal(cy_loop_run(&loop), 0);
    assert_int_equal(cy_loop_all_tasks(&loop, &v, &n), 0);
    assert_int_equal(n, 0);
    cy_task_free(o);
    cy_task_free(p);
    cy_task_free(q);
    cy_loop_close(&loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_task_line),
        cmocka_unit_test(test_all_tasks_and_dump),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
