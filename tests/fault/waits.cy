/*
 * waits.cy - allocation failures in the runtime's waits: cy_wait (each
 * mode, with and without a timeout), cy_gather, cy_wait_for (finishing in
 * time and timing out), cy_loop_wait and cy_loop_run_until_complete.
 * Every failure must end as -ENOMEM, with nothing left allocated and the
 * cleanup of every started task run once (tests/fault/fault.h).
 */
#include <errno.h>
#include <stdio.h>

#include "fault.h"

struct tally {
    int started, cleaned;
};

static void cleaned(struct tally *t) { t->cleaned++; }

coroutine int work(cy_loop *loop, int x, double delay, struct tally *t)
{
    t->started++;
    defer cleaned(t);
    await cy_sleep(loop, delay);
    return x;
}

#define N 6
static void free_all(cy_task **v, int n)
{
    for (int i = 0; i < n; i++) {
        cy_task_free(v[i]);
        v[i] = NULL;
    }
}

/* n new tasks work(i, delays[i]); throws ENOMEM when one is missing */
static int make(cy_loop *loop, cy_task **v, int n, const double *delays,
                struct tally *t)
{
    for (int i = 0; i < n; i++) {
        v[i] = work(loop, i + 1, delays[i], t);
        if (!v[i])
            return -ENOMEM;
    }
    return 0;
}

/* 0 when every task finished, else the error of the first that failed,
 * else -EPROTO (one is not done: the wait returned too early) */
static int first_error(cy_task *const *v, int n)
{
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (cy_task_error(v[i]))
            return cy_task_error(v[i]);
        if (cy_task_status(v[i]) != CY_FINISHED)
            rc = -EPROTO;
    }
    return rc;
}

static const double delays[N] = { 3, 1, 2, 5, 4, 6 };

coroutine long waiter(cy_loop *loop, struct tally *t)
{
    cy_task *v[N] = { 0 };
    defer free_all(v, N);
    long sum = 0;
    int rc;

    /* asyncio.wait, FIRST_COMPLETED then ALL_COMPLETED */
    if ((rc = make(loop, v, N, delays, t)))
        throw rc;
    await cy_wait(loop, v, N, -1, CY_FIRST_COMPLETED);
    for (int i = 0; i < N; i++)
        if (cy_task_status(v[i]) == CY_FINISHED)
            sum += 100 * CY_RESULT(v[i], int); /* only v[1], at 1 */
    await cy_wait(loop, v, N, 2.5, CY_ALL_COMPLETED); /* times out */
    await cy_wait(loop, v, N, -1, CY_FIRST_EXCEPTION);
    if ((rc = first_error(v, N)))
        throw rc;
    free_all(v, N);

    /* asyncio.gather */
    if ((rc = make(loop, v, N, delays, t)))
        throw rc;
    await cy_gather(loop, v, N);
    for (int i = 0; i < N; i++)
        sum += CY_RESULT(v[i], int);
    free_all(v, N);

    /* asyncio.wait_for: in time, then too late */
    if ((rc = make(loop, v, 2, delays, t)))
        throw rc;
    await cy_wait_for(loop, v[0], 10);
    if ((rc = first_error(v, 1)))
        throw rc;
    sum += 1000 * CY_RESULT(v[0], int);
    try {
        await cy_wait_for(loop, v[1], 0.5);
        throw EPROTO; /* it should have timed out */
    } catch (int err) {
        if (err != -ETIMEDOUT)
            throw err;
        if (cy_task_status(v[1]) != CY_CANCELLED)
            throw EPROTO;
    }
    return sum;
}

static int waits(void)
{
    cy_loop loop;
    int rc = cy_loop_init(&loop);
    if (rc)
        return rc;
    cy_loop_set_virtual_time(&loop, 1);
    struct tally t = { 0, 0 };
    cy_task *w = waiter(&loop, &t);
    rc = w ? cy_loop_run_until_complete(&loop, w) : -ENOMEM;
    if (rc == 0 && cy_task_status(w) != CY_FINISHED)
        rc = cy_task_error(w) ? cy_task_error(w) : -EPROTO;
    if (rc == 0 && CY_RESULT(w, long) != 200 + 21 + 1000)
        rc = -EPROTO;
    cy_task_free(w);

    /* cy_loop_wait on tasks that stay the caller's */
    cy_task *v[N] = { 0 };
    if (rc == 0)
        rc = make(&loop, v, N, delays, &t);
    if (rc == 0)
        rc = cy_loop_wait(&loop, v, N);
    if (rc == 0)
        rc = first_error(v, N);
    free_all(v, N);
    cy_loop_close(&loop);
    if (t.cleaned != t.started)
        return -EPROTO;
    return rc;
}

int main(void)
{
    return fault_drive("waits", waits, 20);
}
