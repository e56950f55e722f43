/*
 * loop.c - the event loop: a FIFO queue of ready tasks, a min-heap of
 * timers, a table of the tasks that wait for other tasks, and a clock.
 *
 * The ready queue (the ring) is a circular list of blocks of slots: the
 * first block has 64, each new one doubles the capacity up to blocks of
 * 4096 slots (32 KiB), which are then added one at a time; a block once
 * added stays.  So a queue of N tasks costs about 8 bytes each, touched
 * once, where a ring that doubled (as this one did) reached up to 16 and
 * was touched whole as the tail went round it.  Adding a block is always
 * possible without moving more than one block's slots (see grow).  The
 * ring grows when full, so a step never allocates: the task being stepped
 * keeps its slot at the head while it runs, and when it suspends it moves
 * to the tail, which always has room (at worst the tail slot is its own).
 * A task that waits (a sleep, another task) is parked: it leaves the ring
 * after its step.  The loop keeps count + parked <= cap, so waking a
 * parked task never allocates either.
 *
 * Timers live in the frames that wait (cy_sleep's, cy_wait's); the heap is
 * an array of pointers to them.  Waiters (the nodes of the tasks awaiting
 * a task) live in frames too; an open-addressing hash table maps each
 * awaited task to the FIFO list of its waiters.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime, clock_nanosleep */
#endif
#include "coroc.h"
#include "internal.h"
#include "ext.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

/* the ring's blocks: the first block's slots, the largest block's */
enum { CY_RING_FIRST = 64, CY_RING_BLOCK = 4096 };

/* A block is an array of slots followed by its link: where the next
 * block's slots begin and end.  The loop keeps the end of the head's and
 * of the tail's block (rd_end, wr_end), which is where the link is, and
 * rd_stop: rd may move on up to there, and wr as many slots, before
 * either may have reached its end (moving wr alone brings rd_stop one
 * slot nearer), so that a step moves both with one test instead of two
 * and no counter to store. */
struct cy_ring_link_ {
    cy_task **first, **end;
};
#define RING_LINK(end) ((struct cy_ring_link_ *)(void *)(end))

/* ---- the clock ---------------------------------------------------------- */

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t cy_loop_now_(cy_loop *loop)
{
    if (loop->is_virtual)
        return loop->virtual_ns;
    return mono_ns() - loop->start_ns;
}

/* units of time -> nanoseconds of the loop clock, saturated */
int64_t cy_loop_ns_(const cy_loop *loop, double units)
{
    double ns = units * loop->scale * 1e9;
    if (!(ns > 0))
        return 0;
    if (ns >= 4e18)
        return INT64_C(4000000000000000000);
    return (int64_t)ns;
}

int cy_loop_set_time_scale(cy_loop *loop, double seconds_per_unit)
{
    if (!loop || !(seconds_per_unit > 0) || !isfinite(seconds_per_unit))
        return -EINVAL;
    loop->scale = seconds_per_unit;
    return 0;
}

int cy_loop_set_virtual_time(cy_loop *loop, int on)
{
    if (!loop)
        return -EINVAL;
    if (on && !loop->is_virtual)
        loop->virtual_ns = 0; /* a virtual clock starts at 0 */
    else if (!on && loop->is_virtual)
        loop->start_ns = mono_ns() - loop->virtual_ns;
    loop->is_virtual = on != 0;
    return 0;
}

double cy_loop_time(cy_loop *loop)
{
    if (!loop)
        return 0;
    return (double)cy_loop_now_(loop) / (loop->scale * 1e9);
}

/* Wait in the OS until the loop clock reads `deadline` (a virtual clock
 * just jumps there). */
static void sleep_until(cy_loop *loop, int64_t deadline)
{
    if (loop->is_virtual) {
        if (deadline > loop->virtual_ns)
            loop->virtual_ns = deadline;
        return;
    }
    int64_t abs_ns = loop->start_ns + deadline;
    struct timespec ts = { (time_t)(abs_ns / 1000000000),
                           (long)(abs_ns % 1000000000) };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
           EINTR)
        ;
}

/* ---- the timer heap ----------------------------------------------------- */

static inline int timer_before(const struct cy_timer_ *a,
                               const struct cy_timer_ *b)
{
    return a->deadline < b->deadline ||
           (a->deadline == b->deadline && a->seq < b->seq);
}

static void heap_set(cy_loop *loop, size_t i, struct cy_timer_ *tm)
{
    loop->timers[i] = tm;
    tm->index = i;
}

static void sift_up(cy_loop *loop, size_t i)
{
    struct cy_timer_ *tm = loop->timers[i];
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!timer_before(tm, loop->timers[p]))
            break;
        heap_set(loop, i, loop->timers[p]);
        i = p;
    }
    heap_set(loop, i, tm);
}

static void sift_down(cy_loop *loop, size_t i)
{
    struct cy_timer_ *tm = loop->timers[i];
    size_t n = loop->ntimers;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && timer_before(loop->timers[c + 1], loop->timers[c]))
            c++;
        if (!timer_before(loop->timers[c], tm))
            break;
        heap_set(loop, i, loop->timers[c]);
        i = c;
    }
    heap_set(loop, i, tm);
}

int cy_timer_add_(cy_loop *loop, struct cy_timer_ *tm)
{
    if (loop->ntimers == loop->timers_cap) {
        size_t cap = loop->timers_cap ? loop->timers_cap * 2 : 16;
        if (cap > SIZE_MAX / sizeof *loop->timers)
            return -ENOMEM;
        struct cy_timer_ **a = realloc(loop->timers, cap * sizeof *a);
        if (!a)
            return -ENOMEM;
        loop->timers = a;
        loop->timers_cap = cap;
    }
    tm->seq = loop->timer_seq++;
    loop->timers[loop->ntimers++] = tm;
    sift_up(loop, loop->ntimers - 1);
    return 0;
}

void cy_timer_remove_(cy_loop *loop, struct cy_timer_ *tm)
{
    size_t i = tm->index;
    if (i == CY_NOWHERE_)
        return;
    tm->index = CY_NOWHERE_;
    struct cy_timer_ *last = loop->timers[--loop->ntimers];
    if (last == tm)
        return;
    heap_set(loop, i, last);
    if (i > 0 && timer_before(last, loop->timers[(i - 1) / 2]))
        sift_up(loop, i);
    else
        sift_down(loop, i);
}

/* ---- the waiter table --------------------------------------------------- */

static inline size_t slot_of(const cy_loop *loop, const cy_task *key)
{
    uint64_t x = (uint64_t)(uintptr_t)key;
    x ^= x >> 29;
    x *= UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(x >> 32) & (loop->wcap - 1);
}

static size_t wfind(const cy_loop *loop, const cy_task *key)
{
    if (!loop->wcap)
        return CY_NOWHERE_;
    for (size_t i = slot_of(loop, key);; i = (i + 1) & (loop->wcap - 1)) {
        if (loop->wslots[i].key == key)
            return i;
        if (!loop->wslots[i].key)
            return CY_NOWHERE_;
    }
}

static size_t wput(cy_loop *loop, cy_task *key)
{
    size_t i = slot_of(loop, key);
    while (loop->wslots[i].key)
        i = (i + 1) & (loop->wcap - 1);
    loop->wslots[i].key = key;
    loop->wslots[i].head = loop->wslots[i].tail = NULL;
    loop->wcount++;
    return i;
}

static int wgrow(cy_loop *loop)
{
    size_t cap = loop->wcap ? loop->wcap * 2 : 16;
    if (cap > SIZE_MAX / sizeof *loop->wslots)
        return -ENOMEM;
    struct cy_wslot_ *old = loop->wslots;
    size_t oldcap = loop->wcap;
    loop->wslots = calloc(cap, sizeof *loop->wslots);
    if (!loop->wslots) {
        loop->wslots = old;
        return -ENOMEM;
    }
    loop->wcap = cap;
    loop->wcount = 0;
    for (size_t i = 0; i < oldcap; i++) {
        if (old[i].key) {
            size_t j = wput(loop, old[i].key);
            loop->wslots[j].head = old[i].head;
            loop->wslots[j].tail = old[i].tail;
        }
    }
    free(old);
    return 0;
}

/* Remove slot i, shifting back the entries that probed past it. */
static void wdelete(cy_loop *loop, size_t i)
{
    size_t mask = loop->wcap - 1;
    size_t j = i;
    for (;;) {
        j = (j + 1) & mask;
        if (!loop->wslots[j].key)
            break;
        size_t k = slot_of(loop, loop->wslots[j].key);
        /* j's entry may move to i unless its home k lies in (i, j] */
        int stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
            loop->wslots[i] = loop->wslots[j];
            i = j;
        }
    }
    loop->wslots[i].key = NULL;
    loop->wcount--;
}

int cy_waiter_add_(cy_loop *loop, cy_waiter_ *w, cy_task *awaited)
{
    size_t i = wfind(loop, awaited);
    if (i == CY_NOWHERE_) {
        if ((loop->wcount + 1) * 2 > loop->wcap && wgrow(loop))
            return -ENOMEM;
        i = wput(loop, awaited);
    }
    struct cy_wslot_ *s = &loop->wslots[i];
    w->awaited = awaited;
    w->next = NULL;
    w->prev = s->tail;
    if (s->tail)
        s->tail->next = w;
    else
        s->head = w;
    s->tail = w;
    awaited->flags |= CY_F_WAITERS_;
    return 0;
}

void cy_waiter_remove_(cy_loop *loop, cy_waiter_ *w)
{
    if (!w->awaited)
        return;
    size_t i = wfind(loop, w->awaited);
    if (i != CY_NOWHERE_) {
        struct cy_wslot_ *s = &loop->wslots[i];
        if (w->prev)
            w->prev->next = w->next;
        else
            s->head = w->next;
        if (w->next)
            w->next->prev = w->prev;
        else
            s->tail = w->prev;
        if (!s->head) {
            s->key->flags &= (uint8_t)~CY_F_WAITERS_;
            wdelete(loop, i);
        }
    }
    w->awaited = NULL;
    w->prev = w->next = NULL;
}

/* t is done: notify its waiters, in the order they began to wait. */
static void wake_waiters(cy_loop *loop, cy_task *t)
{
    t->flags &= (uint8_t)~CY_F_WAITERS_;
    size_t i = wfind(loop, t);
    if (i == CY_NOWHERE_)
        return;
    cy_waiter_ *w = loop->wslots[i].head;
    wdelete(loop, i);
    while (w) {
        cy_waiter_ *next = w->next;
        w->awaited = NULL;
        w->prev = w->next = NULL;
        w->notify(loop, w);
        w = next;
    }
}

/* ---- the ring ----------------------------------------------------------- */

static void ring_refill(cy_loop *loop);

/* Add a block to the ring, in its free part: after the tail's block.
 * Blocks never shrink, so the new one is at least as large as any other.
 * When the tail's block also holds the head with the tail before it (the
 * queue goes round every block and back into this one), the free part is
 * inside that block: the tasks from the head to the block's end move to
 * the end of the new block, which comes next, and the head with them
 * (the loop reads the head again after each step). */
static CY_NOINLINE int grow(cy_loop *loop)
{
    size_t old = loop->cap;
    size_t n = !old ? CY_RING_FIRST : old < CY_RING_BLOCK ? old : CY_RING_BLOCK;
    if (old > SIZE_MAX / 2 / sizeof(cy_task *) - n)
        return -ENOMEM;
    cy_task **first = malloc(n * sizeof *first + sizeof(struct cy_ring_link_));
    if (!first)
        return -ENOMEM;
    cy_task **end = first + n;
    if (!old) {
        RING_LINK(end)->first = first; /* a ring of one block */
        RING_LINK(end)->end = end;
        loop->rd = loop->wr = first;
        loop->rd_end = loop->wr_end = end;
        loop->rd_stop = end;
        loop->cap = n;
        return 0;
    }
    if (loop->count && loop->rd_end == loop->wr_end && loop->wr <= loop->rd) {
        size_t k = (size_t)(loop->rd_end - loop->rd);
        memcpy(end - k, loop->rd, k * sizeof *first);
        loop->rd = end - k;
        loop->rd_end = end;
    }
    struct cy_ring_link_ *tail = RING_LINK(loop->wr_end);
    *RING_LINK(end) = *tail;
    tail->first = first;
    tail->end = end;
    loop->cap = old + n;
    ring_refill(loop);
    return 0;
}

int cy_loop_init(cy_loop *loop)
{
    if (!loop)
        return -EINVAL;
    memset(loop, 0, sizeof *loop);
    loop->scale = 1.0;
    loop->start_ns = mono_ns();
    return grow(loop);
}

/* The slot after p, whose block ends at *end (the next block's first slot
 * when p was the last). */
static inline cy_task **ring_next(cy_task **p, cy_task ***end)
{
    if (CY_UNLIKELY(++p == *end)) {
        struct cy_ring_link_ *l = RING_LINK(*end);
        p = l->first;
        *end = l->end;
    }
    return p;
}

/* rd reached rd_stop: move rd and wr, each if it reached its block's
 * end, to the next block (neither is left at an end), and set the next
 * stop. */
static CY_NOINLINE void ring_refill(cy_loop *loop)
{
    if (loop->rd == loop->rd_end)
        loop->rd = ring_next(loop->rd - 1, &loop->rd_end);
    if (loop->wr == loop->wr_end)
        loop->wr = ring_next(loop->wr - 1, &loop->wr_end);
    size_t r = (size_t)(loop->rd_end - loop->rd);
    size_t w = (size_t)(loop->wr_end - loop->wr);
    loop->rd_stop = loop->rd + (r < w ? r : w);
}

/* rd moved on one slot (and wr too, or not) */
static inline void rd_moved(cy_loop *loop)
{
    if (CY_UNLIKELY(loop->rd == loop->rd_stop))
        ring_refill(loop);
}

/* wr alone moved on one slot */
static inline void wr_moved(cy_loop *loop)
{
    if (CY_UNLIKELY(--loop->rd_stop == loop->rd))
        ring_refill(loop);
}

size_t cy_loop_ready_(const cy_loop *loop, cy_task **out)
{
    cy_task **p = loop->rd, **end = loop->rd_end;
    for (size_t i = 0; i < loop->count; i++) {
        out[i] = *p;
        p = ring_next(p, &end);
    }
    return loop->count;
}

/* Free the ring's blocks, from the one after the head's round to it. */
static void ring_free(cy_loop *loop)
{
    if (!loop->cap)
        return;
    struct cy_ring_link_ l = *RING_LINK(loop->rd_end);
    for (;;) {
        struct cy_ring_link_ next = *RING_LINK(l.end);
        int last = l.end == loop->rd_end;
        free(l.first);
        if (last)
            break;
        l = next;
    }
}

/* Make room for n more tasks on the loop. */
static CY_NOINLINE int reserve(cy_loop *loop, size_t n)
{
    /* one slot more than asked, always kept free: room for the task the
     * loop is stepping to come back to, even if it scheduled others
     * meanwhile (the loop keeps it in its slot while it runs, so this is
     * a spare today, and cheap) */
    while (loop->cap - loop->count - loop->parked < n + 1) {
        int rc = grow(loop);
        if (rc)
            return rc;
    }
    return 0;
}

/* Append a task: the caller made room. */
static inline void push_back(cy_loop *loop, cy_task *t)
{
    *loop->wr++ = t;
    wr_moved(loop);
    loop->count++;
}

static inline cy_task *pop(cy_loop *loop)
{
    cy_task *t = *loop->rd++;
    rd_moved(loop);
    loop->count--;
    return t;
}

void cy_wake_(cy_loop *loop, cy_task *root)
{
    if (!(root->flags & CY_F_PARKED_))
        return;
    root->flags &= (uint8_t)~CY_F_PARKED_;
    loop->parked--;
    push_back(loop, root); /* count + parked <= cap: there is room */
}

/* put_on_loop when the ring must grow first (out of line, so that the
 * common case saves no register) */
static CY_NOINLINE int put_on_loop_grow(cy_loop *loop, cy_task *t, unsigned flag)
{
    int rc = reserve(loop, 1);
    if (rc)
        return rc;
    push_back(loop, t);
    t->flags |= (uint8_t)flag;
    return 0;
}

static int put_on_loop(cy_loop *loop, cy_task *t, unsigned flag)
{
    if (!loop || !t || t->status >= CY_FINISHED || (t->flags & CY_F_ONLOOP_))
        return -EINVAL;
    /* room for t and the one slot reserve keeps (a ring of no capacity,
     * after cy_loop_close, grows there too) */
    if (CY_UNLIKELY(loop->cap - loop->count - loop->parked < 2))
        return put_on_loop_grow(loop, t, flag);
    push_back(loop, t);
    t->flags |= (uint8_t)flag;
    return 0;
}

int cy_loop_schedule(cy_loop *loop, cy_task *t)
{
    return put_on_loop(loop, t, CY_F_LOOP);
}

int cy_loop_launch(cy_loop *loop, cy_task *t)
{
    return put_on_loop(loop, t, CY_F_LAUNCHED_);
}

void cy_loop_on_done(cy_loop *loop, cy_done_fn fn, void *arg)
{
    loop->on_done = fn;
    loop->on_done_arg = fn ? arg : NULL;
}

/* A task that suspended with CY_F_PARKED_ leaves the ring until woken.
 * Its innermost frame's cy_on_park hook runs now: a frame that waits for
 * another task (a join) registers there, since only the loop knows which
 * loop it is. */
static CY_NOINLINE void park(cy_loop *loop, cy_task *t)
{
    loop->parked++;
    cy_task *in = t->link;
    if (in->desc->cy_on_park && in->desc->cy_on_park(loop, in)) {
        /* no memory to register it: it polls, each round */
        cy_wake_(loop, t);
    }
}

/* A done task leaves the loop: the done hook (tasks the loop owns), its
 * waiters woken, freed if the loop owns it.  Returns 1 if a wait waits
 * for it. */
static CY_NOINLINE int retire_slow(cy_loop *loop, cy_task *t)
{
    uint8_t fl = t->flags;
    t->flags = (uint8_t)(fl & ~(CY_F_ONLOOP_ | CY_F_PARKED_));
    if (!(fl & CY_F_AUTO_)) { /* the runtime's own tasks see no hook */
        if ((fl & CY_F_ONLOOP_) == CY_F_LOOP && loop->on_done)
            loop->on_done(loop, t, loop->on_done_arg);
        if (loop->ext && loop->ext->on_finish)
            loop->ext->on_finish(loop, t, loop->ext->on_finish_arg);
    }
    if (t->flags & CY_F_WAITERS_)
        wake_waiters(loop, t);
    if (fl & CY_F_LOOP)
        cy_task_free(t);
    return (fl & CY_F_WAITED_) != 0;
}

/* retire, with the common case inline. */
static inline int retire(cy_loop *loop, cy_task *t)
{
    if (t->flags == (CY_F_LOOP | CY_F_HEAP) && !loop->on_done &&
        !loop->ext && t->link == t) {
        /* the common case: a heap task the loop owns, no hook, no waiter,
         * no frame left hanging off it: all cy_task_free would do */
        free(t);
        return 0;
    }
    return retire_slow(loop, t);
}

/* The head task, just stepped, leaves the ring (it parks or is done). */
static inline void drop_head(cy_loop *loop)
{
    loop->rd++;
    rd_moved(loop);
    loop->count--;
}

/* The head task t suspended: it goes to the tail.  It kept its slot while
 * it ran, so the tail has room whatever it scheduled meanwhile (when the
 * ring is full, the tail slot is its own). */
static inline void rotate(cy_loop *loop, cy_task *t)
{
    *loop->wr++ = t;
    loop->rd++;
    rd_moved(loop);
}

/* Step the head task once; requeue it if it suspended, park it if it
 * waits (2), else retire it (1 if it was one a wait is waiting for, else
 * 0).  The task stays in its slot (counted) while it runs: a ring that
 * grows meanwhile moves it with the others.  Every timer is armed by a
 * task that parks: the loop checks for new timers only then. */
static inline int run_one(cy_loop *loop)
{
    cy_task *t = *loop->rd;
    /* a task cancelled while queued answers -EINVAL: it is done too */
    if (cy_task_step(t) == 1) {
        if (CY_UNLIKELY(t->flags & CY_F_PARKED_)) {
            drop_head(loop);
            park(loop, t);
            return 2;
        }
        rotate(loop, t);
        return 0;
    }
    drop_head(loop);
    return retire(loop, t);
}

/* run_ready's common case: no timer, no fd wait.  Steps the head task until
 * the ring is empty, or until a task that parks has armed a timer (1).
 * A step may schedule or wake tasks and so grow the ring: the ring is read
 * again after each step, the rest stays in registers. */
static int run_plain(cy_loop *loop)
{
    for (;;) {
        if (!loop->count)
            return 0;
        cy_task *t = *loop->rd;
        CY_ASSUME(t != NULL);
        int rc;
        for (;;) {
            rc = cy_task_step(t);
            if (CY_UNLIKELY(rc != 1 || (t->flags & CY_F_PARKED_)))
                break;
            /* suspended: to the tail; the next task is the new head */
            *loop->wr++ = t;
            loop->rd++;
            rd_moved(loop);
            t = *loop->rd;
            CY_ASSUME(t != NULL);
        }
        drop_head(loop);
        if (rc == 1) {
            park(loop, t);
            if (loop->ntimers || loop->io_waiting)
                return 1;
        } else {
            retire(loop, t);
        }
    }
}

/* ---- the phases of a turn of the loop ---------------------------------- */

/* Timers: wake the tasks whose timers are due. */
static void run_timers(cy_loop *loop)
{
    if (!loop->ntimers)
        return;
    int64_t now = cy_loop_now_(loop);
    while (loop->ntimers && loop->timers[0]->deadline <= now) {
        struct cy_timer_ *tm = loop->timers[0];
        cy_timer_remove_(loop, tm);
        cy_wake_(loop, tm->root);
    }
}

/* Ready tasks.  With timers or fds to watch, one round: each task ready
 * now steps once (those it wakes or schedules wait for the next round).
 * With neither, nothing else can happen: tasks step until none is ready
 * (run_plain, as fast as before timers existed), or until one that parks
 * has armed a timer or an fd wait.  With pending, until *pending waited
 * tasks are retired. */
static void run_ready(cy_loop *loop, size_t *pending)
{
    if (loop->ntimers || loop->io_waiting) {
        size_t n = loop->count;
        if (pending) {
            while (n-- && *pending)
                *pending -= (size_t)(run_one(loop) & 1);
        } else {
            while (n--)
                run_one(loop);
        }
    } else if (pending) {
        while (loop->count && *pending) {
            int r = run_one(loop);
            *pending -= (size_t)(r & 1);
            if (r == 2 && (loop->ntimers || loop->io_waiting))
                break;
        }
    } else {
        run_plain(loop);
    }
}

/* I/O poll: wake the tasks whose fds are ready.  While tasks are ready it
 * only looks (ready fds join the coming round); when none is, it blocks:
 * in epoll_wait until an fd is ready or the next timer is due, or, with
 * no fd to watch, asleep until the next timer (a virtual clock jumps
 * there instead). */
/* Block in epoll_wait until an fd is ready or the next timer is due. */
static void wait_io(cy_loop *loop)
{
    if (!loop->ntimers) {
        cy_io_poll_(loop, -1);
        return;
    }
    int64_t deadline = loop->timers[0]->deadline;
    if (loop->is_virtual) {
        if (!cy_io_poll_(loop, 0) && deadline > loop->virtual_ns)
            loop->virtual_ns = deadline;
        return;
    }
    int64_t left = deadline - cy_loop_now_(loop);
    cy_io_poll_(loop, left > 0 ? left : 0);
}

static void run_poll(cy_loop *loop)
{
    if (loop->count) {
        /* a shared loop also looks for posts of other threads */
        if (loop->io_waiting || (loop->ext && loop->ext->shared))
            cy_io_poll_(loop, 0);
        return;
    }
    if (!loop->io_waiting) {
        if (loop->ntimers)
            sleep_until(loop, loop->timers[0]->deadline);
        return;
    }
    wait_io(loop);
}

/* Anything left that can run: a ready task, a timer, an fd wait. */
static inline int loop_alive(const cy_loop *loop)
{
    return loop->count || loop->ntimers || loop->io_waiting;
}

/* Run until nothing is ready, parked or sleeping (pending NULL), or until
 * *pending waited tasks are retired: the turns of the loop, as libuv's
 * uv_run reads, one phase per line. */
static int run_turns(cy_loop *loop, size_t *pending)
{
    for (;;) {
        if (pending && !*pending)
            return 0;             /* the waited tasks are done */
        if (!loop_alive(loop))
            return loop->parked ? -EDEADLK : 0; /* parked: nothing wakes them */
        run_poll(loop);           /* I/O poll (blocks only if nothing is ready) */
        run_timers(loop);         /* timers that are due */
        run_ready(loop, pending); /* ready tasks: a round of steps */
    }
}

int cy_loop_run(cy_loop *loop)
{
    if (!loop)
        return -EINVAL;
    return run_turns(loop, NULL);
}

/* loop.run_forever(): rounds until cy_loop_stop.  Each round polls the
 * fds, fires the timers that are due and steps every ready task once;
 * with nothing ready the loop blocks in epoll_wait (or sleeps until the
 * next timer) and wakes for a fd, a timer, a signal handler or a job the
 * thread pool finished. */
int cy_loop_run_forever(cy_loop *loop)
{
    if (!loop)
        return -EINVAL;
    struct cy_loop_ext_ *x = cy_ext_(loop);
    if (!x)
        return -ENOMEM;
    if (x->running)
        return -EBUSY;
    x->running = 1;
    int rc = 0;
    for (;;) {
        if (cy_io_active_(loop))
            cy_io_poll_(loop, 0);
        run_timers(loop);
        size_t n = loop->count;
        while (n--)
            run_one(loop);
        if (x->stop)
            break;
        if (loop->count)
            continue;
        if (cy_io_active_(loop)) {
            wait_io(loop);
        } else if (loop->ntimers) {
            sleep_until(loop, loop->timers[0]->deadline);
        } else {
            /* nothing can ever wake the loop: asyncio would hang */
            rc = -EDEADLK;
            break;
        }
    }
    x->stop = 0;
    x->running = 0;
    return rc;
}

int cy_loop_wait(cy_loop *loop, cy_task *const *tasks, size_t n)
{
    if (!loop || (n && !tasks))
        return -EINVAL;
    /* check and mark (the mark finds duplicates).  A task that is done
     * and on no loop is neither waited for nor written: it may be one of
     * the runtime's static done tasks (a wait's answer to a bad
     * argument, a lock taken at once). */
    size_t pending = 0, fresh = 0;
    for (size_t i = 0; i < n; i++) {
        cy_task *t = tasks[i];
        if (!t || (t->flags & (CY_F_LOOP | CY_F_WAITED_))) {
            while (i--)
                if (tasks[i]->flags & CY_F_WAITED_)
                    tasks[i]->flags &= (uint8_t)~CY_F_WAITED_;
            return -EINVAL;
        }
        if (t->status >= CY_FINISHED && !(t->flags & CY_F_LAUNCHED_))
            continue;
        t->flags |= CY_F_WAITED_;
        if (t->status < CY_FINISHED) {
            pending++;
            if (!(t->flags & CY_F_LAUNCHED_))
                fresh++;
        }
    }
    /* make room first, so that a failure leaves the queue as it was */
    if ((!loop->cap && grow(loop)) || reserve(loop, fresh)) {
        for (size_t i = 0; i < n; i++)
            if (tasks[i]->flags & CY_F_WAITED_)
                tasks[i]->flags &= (uint8_t)~CY_F_WAITED_;
        return -ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (!(tasks[i]->flags & CY_F_WAITED_))
            continue; /* done and on no loop: nothing to wait for */
        if (tasks[i]->status >= CY_FINISHED)
            pending++; /* done, but the loop has still to retire it */
        else if (!(tasks[i]->flags & CY_F_LAUNCHED_))
            push_back(loop, tasks[i]);
    }
    /* every waited task leaves the loop once done, even if something else
     * ended it (cancellation) while it was queued */
    return run_turns(loop, &pending);
}

int cy_loop_run_until_complete(cy_loop *loop, cy_task *t)
{
    if (!t)
        return -EINVAL;
    return cy_loop_wait(loop, &t, 1);
}

/* ---- closing ------------------------------------------------------------ */

static void close_cancel(cy_task *t)
{
    if (t->status < CY_FINISHED)
        cy_task_cancel(t); /* its runtime frame wakes it into the ring */
}

void cy_loop_close(cy_loop *loop)
{
    if (!loop)
        return;
    /* parked tasks first: cancelled, each leaves its timer or waiter list
     * and comes back to the ring */
    while (loop->ntimers) {
        struct cy_timer_ *tm = loop->timers[0];
        close_cancel(tm->root);
        if (loop->ntimers && loop->timers[0] == tm) {
            cy_timer_remove_(loop, tm);
            cy_wake_(loop, tm->root);
        }
    }
    for (size_t i = 0; i < loop->wcap; i++) {
        while (loop->wslots && loop->wslots[i].key) {
            cy_waiter_ *w = loop->wslots[i].head;
            close_cancel(w->root);
            if (loop->wslots[i].key && loop->wslots[i].head == w) {
                cy_waiter_remove_(loop, w);
                cy_wake_(loop, w->root);
            }
        }
    }
    /* then the ring: the loop's own tasks are freed, the others cancelled
     * and left to their owners */
    while (loop->count) {
        cy_task *t = pop(loop);
        uint8_t fl = t->flags;
        t->flags = (uint8_t)(fl & ~(CY_F_ONLOOP_ | CY_F_PARKED_));
        if (fl & CY_F_LOOP)
            cy_task_free(t);
        else
            close_cancel(t);
    }
    /* every task is gone: wait for the jobs workers still run (orphaned
     * by the cancellations above), restore the signal mask */
    cy_ext_close_(loop);
    cy_io_close_(loop);
    ring_free(loop);
    free(loop->timers);
    free(loop->wslots);
    loop->rd = loop->rd_end = loop->wr = loop->wr_end = NULL;
    loop->rd_stop = NULL;
    loop->timers = NULL;
    loop->wslots = NULL;
    loop->count = loop->cap = loop->parked = 0;
    loop->ntimers = loop->timers_cap = loop->wcount = loop->wcap = 0;
    loop->on_done = NULL;
    loop->on_done_arg = NULL;
}
