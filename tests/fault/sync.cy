/*
 * sync.cy - allocation failures around locks, semaphores (bounded), events
 * and futures with tasks queued on each.  Every failure must end as
 * -ENOMEM with nothing left allocated, and each primitive left consistent:
 * unlocked, every unit back, no waiter queued, and still working (after
 * each run, with no failure injected, tasks contend for the same
 * primitives again before they are destroyed).  See tests/fault/fault.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fault.h"

struct shared {
    cy_lock lock;
    cy_sem sem;
    cy_event ev;
    cy_future fut;
    int holding;     /* tasks holding the lock: never more than 1 */
    int inside;      /* tasks holding a unit: never more than SEM_UNITS */
    int started, cleaned;
    long sum;        /* future values read */
};
#define SEM_UNITS 2

static void cleaned(struct shared *s) { s->cleaned++; }

static void drop_lock(struct shared *s, int held)
{
    if (held) {
        s->holding--;
        cy_lock_release(&s->lock);
    }
}

static void drop_unit(struct shared *s, int held)
{
    if (held) {
        s->inside--;
        cy_sem_release(&s->sem);
    }
}

coroutine void locker(cy_loop *loop, struct shared *s, int rounds)
{
    int held = 0;
    s->started++;
    defer cleaned(s);
    defer drop_lock(s, held);
    for (int r = 0; r < rounds; r++) {
        await cy_lock_acquire(loop, &s->lock);
        held = 1;
        if (++s->holding != 1)
            throw EPROTO, "two holders";
        await cy_sleep(loop, 1);
        held = 0;
        s->holding--;
        if (cy_lock_release(&s->lock))
            throw EPROTO, "release";
    }
}

coroutine void sem_user(cy_loop *loop, struct shared *s, int rounds)
{
    int held = 0;
    s->started++;
    defer cleaned(s);
    defer drop_unit(s, held);
    for (int r = 0; r < rounds; r++) {
        await cy_sem_acquire(loop, &s->sem);
        held = 1;
        if (++s->inside > SEM_UNITS)
            throw EPROTO, "too many inside";
        await cy_sleep(loop, 1);
        held = 0;
        s->inside--;
        if (cy_sem_release(&s->sem))
            throw EPROTO, "sem release";
    }
}

coroutine void ev_waiter(cy_loop *loop, struct shared *s)
{
    s->started++;
    defer cleaned(s);
    await cy_event_wait(loop, &s->ev);
    if (!cy_event_is_set(&s->ev))
        throw EPROTO, "woken, not set";
}

coroutine void fut_waiter(cy_loop *loop, struct shared *s)
{
    s->started++;
    defer cleaned(s);
    await cy_future_wait(loop, &s->fut);
    s->sum += CY_FUTURE_RESULT(&s->fut, int);
}

/* whatever happens to the setter, the waiters are not left waiting */
static void settle(struct shared *s)
{
    cy_event_set(&s->ev);
    if (!cy_future_done(&s->fut))
        cy_future_set_error_msg(&s->fut, ENOMEM, "the setter failed");
}

coroutine void setter(cy_loop *loop, struct shared *s, double delay)
{
    s->started++;
    defer cleaned(s);
    defer settle(s);
    await cy_sleep(loop, delay);
    cy_event_set(&s->ev);
    await cy_sleep(loop, delay);
    CY_FUTURE_SET(&s->fut, int, 42);
}

static int first_error(cy_task *const *v, int n)
{
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (!v[i])
            return -ENOMEM;
        if (cy_task_error(v[i]))
            return cy_task_error(v[i]);
        if (cy_task_status(v[i]) != CY_FINISHED)
            rc = -EPROTO;
    }
    return rc;
}

/* Run the tasks made by make() on a fresh loop; 0 or the first error. */
#define MAXT 16
static int run(struct shared *s, int rounds, double delay, int *nfut)
{
    cy_loop loop;
    int rc = cy_loop_init(&loop);
    if (rc)
        return rc;
    cy_loop_set_virtual_time(&loop, 1);
    cy_task *v[MAXT];
    int n = 0;
    for (int i = 0; i < 3; i++)
        v[n++] = locker(&loop, s, rounds);
    for (int i = 0; i < 4; i++)
        v[n++] = sem_user(&loop, s, rounds);
    for (int i = 0; i < 3; i++)
        v[n++] = ev_waiter(&loop, s);
    for (int i = 0; i < 3; i++)
        v[n++] = fut_waiter(&loop, s);
    *nfut = 3;
    v[n++] = setter(&loop, s, delay);
    rc = first_error(v, n); /* -ENOMEM if one is missing */
    if (rc == -ENOMEM) {
        for (int i = 0; i < n; i++)
            cy_task_free(v[i]);
        cy_loop_close(&loop);
        return rc;
    }
    rc = cy_loop_wait(&loop, v, (size_t)n);
    if (rc == 0)
        rc = first_error(v, n);
    for (int i = 0; i < n; i++)
        cy_task_free(v[i]);
    cy_loop_close(&loop);
    return rc;
}

/* 0 when the primitives are at rest: unlocked, all units, no waiter */
static int at_rest(const struct shared *s)
{
    if (cy_lock_locked(&s->lock) || s->lock.waiters.head || s->lock.waiters.tail)
        return -EPROTO;
    if (cy_sem_value(&s->sem) != SEM_UNITS || s->sem.waiters.head)
        return -EPROTO;
    if (s->ev.waiters.head || s->fut.waiters.head)
        return -EPROTO;
    if (s->holding || s->inside || s->started != s->cleaned)
        return -EPROTO;
    return 0;
}

static int sync_(void)
{
    struct shared s;
    memset(&s, 0, sizeof s);
    if (cy_lock_init(&s.lock) || cy_sem_init_bounded(&s.sem, SEM_UNITS) ||
        cy_event_init(&s.ev) || cy_future_init(&s.fut, NULL, sizeof(int)))
        return -EPROTO;
    int nfut;
    int rc = run(&s, 3, 2, &nfut);
    if (rc == 0 && s.sum != 42L * nfut)
        rc = -EPROTO;
    int bad = at_rest(&s);
    /* the same primitives again, with no failure: still usable? */
    int was = fault_pause(1);
    cy_event_clear(&s.ev);
    cy_future_destroy(&s.fut);
    if (cy_future_init(&s.fut, NULL, sizeof(int)))
        bad = -EPROTO;
    s.sum = 0;
    if (!bad && (run(&s, 1, 1, &nfut) || s.sum != 42L * nfut || at_rest(&s)))
        bad = -EPROTO;
    fault_pause(was);
    cy_lock_destroy(&s.lock);
    cy_sem_destroy(&s.sem);
    cy_event_destroy(&s.ev);
    cy_future_destroy(&s.fut);
    return bad ? bad : rc;
}

int main(void)
{
    return fault_drive("sync", sync_, 20);
}
