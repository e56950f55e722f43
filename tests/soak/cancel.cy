/*
 * cancel.cy - `make soak`: a million tasks cancelled at random points, each
 * cleanup (defer) checked to run exactly once; built with ASan+UBSan, so
 * LeakSanitizer checks at exit that nothing leaked.
 *
 *   cancel TASKS SEED        (defaults: 1000000, 1)
 *
 * Tasks run in batches on one loop (virtual time): each worker yields,
 * sleeps, awaits nested coroutines that have their own defer, takes a
 * shared lock and a semaphore unit, in a random order; a canceller task
 * cancels random workers of the batch, wherever they are.  Every defer
 * registration gets a serial number: marked 1 when registered, 2 when it
 * runs; at the end every mark must be 2 (run, and once: a second run
 * makes it 3).  After each batch the lock and the semaphore must be at
 * rest.  Prints one summary line; exit status 0 when everything held.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BATCH 50000

struct soak {
    uint64_t rng;
    unsigned char *mark;  /* per defer registration: 1 registered, 2 run */
    size_t nmarks, cap;
    cy_lock lock;
    cy_sem sem;
    int holding, inside;
    long bad;             /* broken invariants seen while running */
};

static uint64_t rnd(struct soak *s)
{
    /* xorshift64* */
    s->rng ^= s->rng >> 12;
    s->rng ^= s->rng << 25;
    s->rng ^= s->rng >> 27;
    return s->rng * 2685821657736338717ULL;
}

/* a new registration: its serial number (the table grows as needed) */
static size_t reg(struct soak *s)
{
    if (s->nmarks == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1u << 20;
        unsigned char *m = realloc(s->mark, cap);
        if (!m) {
            fprintf(stderr, "cancel: out of memory\n");
            exit(2);
        }
        s->mark = m;
        s->cap = cap;
    }
    s->mark[s->nmarks] = 1;
    return s->nmarks++;
}

static void ran(struct soak *s, size_t serial) { s->mark[serial]++; }

static void unlock_if(struct soak *s, int held)
{
    if (held) {
        s->holding--;
        cy_lock_release(&s->lock);
    }
}

static void unit_back_if(struct soak *s, int held)
{
    if (held) {
        s->inside--;
        cy_sem_release(&s->sem);
    }
}

coroutine void leaf(cy_loop *loop, struct soak *s, int n)
{
    size_t me = reg(s);
    defer ran(s, me);
    for (int i = 0; i < n; i++)
        await cy_sleep(loop, (double)(rnd(s) % 3));
}

coroutine void middle(cy_loop *loop, struct soak *s)
{
    size_t me = reg(s);
    defer ran(s, me);
    yield;
    await leaf(loop, s, (int)(rnd(s) % 3));
    yield;
}

coroutine void worker(cy_loop *loop, struct soak *s)
{
    size_t me = reg(s);
    defer ran(s, me);
    int locked = 0, unit = 0;
    defer unlock_if(s, locked);
    defer unit_back_if(s, unit);
    int steps = 1 + (int)(rnd(s) % 6);
    for (int i = 0; i < steps; i++) {
        switch (rnd(s) % 5) {
        case 0:
            yield;
            break;
        case 1:
            await cy_sleep(loop, (double)(rnd(s) % 4));
            break;
        case 2:
            await middle(loop, s);
            break;
        case 3:
            await cy_lock_acquire(loop, &s->lock);
            locked = 1;
            if (++s->holding != 1)
                s->bad++;
            await cy_sleep(loop, (double)(rnd(s) % 2));
            locked = 0;
            s->holding--;
            cy_lock_release(&s->lock);
            break;
        default:
            await cy_sem_acquire(loop, &s->sem);
            unit = 1;
            if (++s->inside > 8)
                s->bad++;
            yield;
            unit = 0;
            s->inside--;
            cy_sem_release(&s->sem);
            break;
        }
    }
}

/* Cancel random workers, a few per round, until all are done.  live
 * holds the workers not seen done yet (a copy: entries are swapped out as
 * they are found done). */
coroutine void canceller(cy_loop *loop, struct soak *s, cy_task **live,
                         size_t n, long *cancelled)
{
    while (n) {
        for (int k = 0; k < 16 && n; k++) {
            size_t i = rnd(s) % n;
            cy_task *t = live[i];
            if (cy_task_done(t)) {
                live[i] = live[--n];
                continue;
            }
            if (rnd(s) % 4 == 0 && cy_task_cancel(t) == 0)
                ++*cancelled;
        }
        /* the virtual clock moves only when no task is ready: sleep too,
         * or no sleeping worker would ever wake before being cancelled */
        if (rnd(s) % 2)
            yield;
        else
            await cy_sleep(loop, 0.5);
    }
}

int main(int argc, char **argv)
{
    long total = argc > 1 ? atol(argv[1]) : 1000000;
    struct soak s = { .rng = argc > 2 ? strtoull(argv[2], NULL, 10) : 1 };
    if (!s.rng)
        s.rng = 1;
    uint64_t seed = s.rng;
    if (cy_lock_init(&s.lock) || cy_sem_init(&s.sem, 8))
        return 2;
    cy_task **v = malloc(BATCH * sizeof *v);
    cy_task **live = malloc(BATCH * sizeof *live);
    if (!v || !live)
        return 2;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long done = 0, cancelled = 0, finished = 0, errors = 0, rest_bad = 0;
    cy_loop loop;
    while (done < total) {
        size_t n = total - done < BATCH ? (size_t)(total - done) : BATCH;
        if (cy_loop_init(&loop))
            return 2;
        cy_loop_set_virtual_time(&loop, 1);
        for (size_t i = 0; i < n; i++) {
            v[i] = worker(&loop, &s);
            if (!v[i] || cy_loop_launch(&loop, v[i]))
                return 2;
            live[i] = v[i];
        }
        cy_task *c = canceller(&loop, &s, live, n, &cancelled);
        if (!c || cy_loop_launch(&loop, c))
            return 2;
        if (cy_loop_run(&loop))
            errors++;
        for (size_t i = 0; i < n; i++) {
            int st = cy_task_status(v[i]);
            if (st == CY_FINISHED)
                finished++;
            else if (st != CY_CANCELLED)
                errors++;
            cy_task_free(v[i]);
        }
        cy_task_free(c);
        cy_loop_close(&loop);
        if (cy_lock_locked(&s.lock) || cy_sem_value(&s.sem) != 8 ||
            s.holding || s.inside)
            rest_bad++;
        done += (long)n;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    size_t not_once = 0;
    for (size_t i = 0; i < s.nmarks; i++)
        not_once += s.mark[i] != 2;
    cy_lock_destroy(&s.lock);
    cy_sem_destroy(&s.sem);
    free(s.mark);
    free(v);
    free(live);
    int ok = !not_once && !errors && !rest_bad && !s.bad &&
             finished + cancelled == total;
    printf("soak cancel: %s: %ld tasks (seed %llu), %ld cancelled, %ld finished, "
           "%zu cleanups, %zu not run exactly once, %ld errors, %ld broken "
           "invariants, %.1f s; leaks: LeakSanitizer at exit\n",
           ok ? "ok" : "FAILED", total, (unsigned long long)seed, cancelled,
           finished, s.nmarks, not_once, errors, rest_bad + s.bad,
           (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return ok ? 0 : 1;
}
