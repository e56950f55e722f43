/*
 * tasks.cy - allocation failures in tasks: constructors (cy_alloc), the
 * loop's ring (cy_loop_init, growth in cy_loop_schedule and
 * cy_loop_launch), timers (cy_sleep and the timer heap), the join frame of
 * `await t` on a running task, an inline child, a recursive await (its
 * region), an over-aligned frame (cy_alloc_aligned), a pool
 * (cy_pool_get) and the heap buffer of cy_task_print.  Every failure must end as -ENOMEM with every defer run
 * exactly once and nothing left allocated (tests/fault/fault.h).
 */
#include <errno.h>
#include <stdio.h>

#include "fault.h"

struct tally {
    long sum;      /* results of the children that finished */
    int started;   /* children that reached their defer */
    int cleaned;   /* defers run */
    int err;       /* the first error of a task the loop owns */
};

/* The loop's done hook: a task the loop owns fails unseen otherwise. */
static void on_done(cy_loop *loop, cy_task *t, void *arg)
{
    (void)loop;
    struct tally *ty = arg;
    if (cy_task_error(t) && !ty->err)
        ty->err = cy_task_error(t);
}

static void cleaned(struct tally *t) { t->cleaned++; }

coroutine int leaf(cy_loop *loop, int x, struct tally *t)
{
    t->started++;
    defer cleaned(t);
    await cy_sleep(loop, x % 3);
    t->sum += x;
    return x;
}

coroutine int fib(int n)
{
    if (n < 2)
        return n;
    int a = await fib(n - 1);
    int b = await fib(n - 2);
    return a + b;
}

coroutine int aligned(cy_loop *loop)
{
    _Alignas(64) char buf[64];
    buf[0] = 5;
    await cy_sleep(loop, 0);
    return buf[0];
}

coroutine void spawner(cy_loop *loop, int n, struct tally *t)
{
    for (int i = 0; i < n; i++) {
        cy_task *c = leaf(loop, i, t);
        if (!c)
            throw ENOMEM;
        int rc = cy_loop_schedule(loop, c);
        if (rc) {
            cy_task_free(c);
            throw rc;
        }
    }
}

#define NKIDS 8
static void free_all(cy_task **v, int n)
{
    for (int i = 0; i < n; i++)
        cy_task_free(v[i]);
}

coroutine long parent(cy_loop *loop, struct tally *t)
{
    cy_task *kids[NKIDS] = { 0 };
    defer free_all(kids, NKIDS);
    for (int i = 0; i < NKIDS; i++) {
        kids[i] = leaf(loop, 100 + i, t);
        if (!kids[i])
            throw ENOMEM;
        int rc = cy_loop_launch(loop, kids[i]);
        if (rc)
            throw rc;
    }
    long sum = 0;
    for (int i = 0; i < NKIDS; i++) {
        await kids[i];
        sum += CY_RESULT(kids[i], int);
    }
    sum += await leaf(loop, 7, t);
    sum += await fib(12);
    sum += await aligned(loop);
    await spawner(loop, 40, t);
    return sum;
}

static int tasks(void)
{
    cy_loop loop;
    int rc = cy_loop_init(&loop);
    if (rc)
        return rc;
    cy_loop_set_virtual_time(&loop, 1);
    struct tally t = { 0, 0, 0, 0 };
    cy_loop_on_done(&loop, on_done, &t);
    cy_task *p = parent(&loop, &t);
    if (!p) {
        cy_loop_close(&loop);
        return -ENOMEM;
    }
    rc = cy_loop_run_until_complete(&loop, p);
    if (rc == 0)
        rc = cy_loop_run(&loop); /* the spawned children */
    if (rc == 0)
        rc = t.err;
    long want = 100 + 101 + 102 + 103 + 104 + 105 + 106 + 107 + 7 + 144 + 5;
    if (rc == 0 && cy_task_status(p) != CY_FINISHED)
        rc = cy_task_error(p) ? cy_task_error(p) : -EPROTO;
    if (rc == 0 && CY_RESULT(p, long) != want)
        rc = -EPROTO;
    /* 0 + 1 + ... + 39 from the spawned ones, the rest from parent's */
    if (rc == 0 && t.sum != 780 + want - 144 - 5)
        rc = -EPROTO;
    cy_task_free(p);
    cy_loop_close(&loop);
    if (t.cleaned != t.started) /* every started child cleaned up once */
        return -EPROTO;
    return rc;
}

/* A pool: frames without malloc once warm (4000 frames span 64 KiB
 * chunks); cy_pool_get fails cleanly. */
coroutine int pooled(int x)
{
    yield;
    return x + 1;
}

static int pool(void)
{
    cy_pool pl;
    cy_pool_init(&pl, sizeof(struct pooled__frame));
    int rc = 0;
    long sum = 0;
    for (int round = 0; round < 3 && !rc; round++) {
        cy_task *v[4000];
        int n = 0;
        for (; n < 4000; n++) {
            v[n] = pooled__in(&pl, n);
            if (!v[n]) {
                rc = -ENOMEM;
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            while (cy_task_step(v[i]) == 1)
                ;
            sum += CY_RESULT(v[i], int);
            cy_pool_free(&pl, v[i]);
        }
    }
    cy_pool_destroy(&pl);
    if (rc == 0 && sum != 3L * (4000 * 4001 / 2))
        rc = -EPROTO;
    return rc;
}

/* cy_task_print: a repr longer than 255 bytes needs a heap buffer */
static const char long_text[] =
    "a result long enough that the task's repr does not fit in the 256 "
    "bytes cy_task_print has on its stack, so that it allocates the text "
    "instead, once, and frees it after printing it; out of memory, it "
    "says -ENOMEM and prints nothing at all, which is what this checks";

coroutine const char *talker(void)
{
    yield;
    return long_text;
}

static int print(void)
{
    cy_task *t = talker();
    if (!t)
        return -ENOMEM;
    while (cy_task_step(t) == 1)
        ;
    FILE *out = tmpfile();
    if (!out) {
        cy_task_free(t);
        return -EPROTO;
    }
    int rc = cy_task_print(t, out);
    long len = ftell(out);
    fclose(out);
    cy_task_free(t);
    if (rc == 0 && len < (long)sizeof long_text)
        rc = -EPROTO; /* said 0, printed less */
    if (rc == -ENOMEM && len != 0)
        rc = -EPROTO; /* said -ENOMEM, printed something */
    return rc;
}

int main(void)
{
    int bad = 0;
    bad |= fault_drive("tasks", tasks, 20);
    bad |= fault_drive("pool", pool, 2);
    bad |= fault_drive("print", print, 2);
    return bad;
}
