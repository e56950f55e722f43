/*
 * io.c - I/O readiness for the loop, on Linux epoll: cy_readable and
 * cy_writable, the waits of the article's last part (its selectors).
 *
 * The loop keeps one epoll fd, made at the first wait, and a table indexed
 * by fd: for each fd the FIFO lists of the frames waiting to read and to
 * write, and the events armed in the epoll set.  A fd joins the set at
 * its first wait and stays there (EPOLLONESHOT: each later wait re-arms
 * it with one EPOLL_CTL_MOD, see sync_fd) until its owner, about to close
 * it, takes it out (cy_io_forget_).  A stream's fd is kept armed,
 * level-triggered, between waits (cy_io_keep_: its stream forgets it
 * before closing it, so a reused fd number cannot be mistaken for it),
 * so that a wait that follows a wake-up costs no epoll_ctl; it is
 * disarmed only when it fires with nobody waiting.
 *
 * The interface with loop.c is tiny (internal.h): cy_io_poll_ runs
 * epoll_wait and wakes the tasks whose fds are ready; loop->io_waiting
 * counts the waiting frames, so that the loop knows it must poll, and
 * must not report a deadlock, while it is not 0; cy_io_close_ frees it
 * all.  A waiting frame is also registered in the loop's waiter table,
 * keyed by itself (as sync.c's): cy_loop_close finds it there and
 * cancels its task, which unregisters the wait.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "coroc.h"
#include "internal.h"
#include "ext.h"
#include "stream.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

struct io_frame;

/* What the loop knows of one fd. */
struct cy_iofd_ {
    struct io_frame *head[2], *tail[2]; /* [0] readers, [1] writers */
    uint32_t events;                    /* armed in the epoll set */
    uint8_t registered;                 /* in the epoll set */
    /* kept armed (level-triggered) between waits: the fd's owner, a
     * stream, forgets it before closing it (cy_io_keep_) */
    uint8_t keep;
    uint8_t oneshot;                    /* armed with EPOLLONESHOT */
};

struct io_frame {
    cy_task task;
    cy_loop *loop;
    cy_task *root;
    struct io_frame *prev, *next; /* in the fd's list while queued */
    cy_waiter_ reg;               /* in the loop's waiter table, parked */
    int fd;
    uint8_t dir;                  /* 0: readable, 1: writable */
    uint8_t queued;               /* in the fd's list */
    uint8_t ready;                /* the loop saw the fd ready */
};

static cy_task *io_resume(cy_task *self);
static int io_arm(struct io_frame *f);
static int poll_now(const struct io_frame *f);
static void list_unlink(cy_loop *loop, struct io_frame *f);
static int sync_fd(cy_loop *loop, int fd);
static const cy_desc readable_desc = {
    .name = "readable", .resume = io_resume,
    .size = sizeof(struct io_frame),
};
static const cy_desc writable_desc = {
    .name = "writable", .resume = io_resume,
    .size = sizeof(struct io_frame),
};

static cy_task *io_new(const cy_desc *desc, cy_loop *loop, int fd, int dir)
{
    if (!loop)
        return CY_EINVAL_TASK_;
    struct io_frame *f = cy_alloc(sizeof *f);
    if (!f)
        return NULL;
    cy_task_init(&f->task, desc, CY_F_HEAP);
    f->loop = loop;
    f->fd = fd;
    f->dir = (uint8_t)dir;
    return &f->task;
}

_Static_assert(sizeof(struct io_frame) <= sizeof(cy_io_slot_),
               "cy_io_slot_ holds an io_frame");

/* A readiness wait without a frame of its own: the frame `self` (a
 * stream's read) arms the slot and suspends itself.  1 parked (on a loop), 0 not
 * ready (stepped by hand: step again), 2 ready now (by hand), or a
 * negative errno. */
int cy_io_slot_wait_(cy_io_slot_ *slot, cy_loop *loop, int fd, int dir,
                     cy_task *self)
{
    struct io_frame *f = (struct io_frame *)slot;
    *f = (struct io_frame){ .loop = loop, .fd = fd, .dir = (uint8_t)dir };
    cy_task_init(&f->task, dir ? &writable_desc : &readable_desc, 0);
    f->root = cy_root_of_(self);
    if (!(f->root->flags & CY_F_ONLOOP_)) {
        int rc = poll_now(f);
        return rc < 0 ? rc : rc ? 2 : 0;
    }
    int rc = io_arm(f);
    return rc ? rc : 1;
}

/* The frame that waits in slot is resumed: 1 the fd is ready, 0 not yet
 * (parked again, or stepped by hand and not ready), or a negative errno. */
int cy_io_slot_check_(cy_io_slot_ *slot)
{
    struct io_frame *f = (struct io_frame *)slot;
    if (f->ready)
        return 1;
    if (f->queued) {
        f->root->flags |= CY_F_PARKED_; /* stepped before its time */
        return 0;
    }
    int rc = poll_now(f);
    return rc < 0 ? rc : rc > 0;
}

/* The frame that waits in slot is cancelled: leave the fd's list. */
void cy_io_slot_cancel_(cy_io_slot_ *slot)
{
    struct io_frame *f = (struct io_frame *)slot;
    if (f->queued) {
        list_unlink(f->loop, f);
        sync_fd(f->loop, f->fd);
        cy_waiter_remove_(f->loop, &f->reg);
        cy_wake_(f->loop, f->root); /* the loop retires it */
    }
}

cy_task *cy_readable(cy_loop *loop, int fd)
{
    return io_new(&readable_desc, loop, fd, 0);
}

cy_task *cy_writable(cy_loop *loop, int fd)
{
    return io_new(&writable_desc, loop, fd, 1);
}

/* ---- the fd table and the epoll set ------------------------------------- */

static int ensure_epoll(cy_loop *loop);

static int table_reserve(cy_loop *loop, int fd)
{
    size_t need = (size_t)fd + 1;
    if (need <= loop->io_nfds)
        return 0;
    size_t n = loop->io_nfds ? loop->io_nfds : 16;
    while (n < need)
        n *= 2;
    if (n > SIZE_MAX / sizeof *loop->io_fds)
        return -ENOMEM;
    struct cy_iofd_ *a = realloc(loop->io_fds, n * sizeof *a);
    if (!a)
        return -ENOMEM;
    memset(a + loop->io_nfds, 0, (n - loop->io_nfds) * sizeof *a);
    loop->io_fds = a;
    loop->io_nfds = n;
    return 0;
}

/* Make the epoll set match the fd's lists.  A fd stays registered once
 * added (EPOLLONESHOT: an event disarms it, the next wait re-arms it with
 * one EPOLL_CTL_MOD), so a wait costs one epoll_ctl, not an add and a
 * delete; a fd no frame waits for anymore is left disarmed, and one that
 * fires with no waiter is ignored.  cy_io_forget_ deletes it before its
 * owner closes it.  0 or a negative errno. */
static int sync_fd(cy_loop *loop, int fd)
{
    struct cy_iofd_ *e = &loop->io_fds[fd];
    uint32_t want = (e->head[0] ? (uint32_t)EPOLLIN : 0) |
                    (e->head[1] ? (uint32_t)EPOLLOUT : 0);
    if (!want)
        return 0; /* nothing to arm */
    /* a kept fd may stay armed for more than is waited for (it is
     * disarmed only when it fires with nobody waiting) */
    if (e->keep ? (want & ~e->events) == 0 : want == e->events)
        return 0; /* armed as wanted */
    struct epoll_event ev = { .events = e->keep ? want : want | EPOLLONESHOT,
                              .data.u64 = (uint64_t)(unsigned)fd };
    int op = e->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int rc = epoll_ctl(loop->io_epfd - 1, op, fd, &ev);
    if (rc && op == EPOLL_CTL_MOD && errno == ENOENT) /* closed, reopened */
        rc = epoll_ctl(loop->io_epfd - 1, EPOLL_CTL_ADD, fd, &ev);
    else if (rc && op == EPOLL_CTL_ADD && errno == EEXIST)
        rc = epoll_ctl(loop->io_epfd - 1, EPOLL_CTL_MOD, fd, &ev);
    if (rc)
        return errno ? -errno : -EIO;
    e->registered = 1;
    e->events = want;
    e->oneshot = !e->keep;
    return 0;
}

/* A kept fd fired in the directions idle with nobody waiting: leave it
 * armed (one-shot) only for the others, so that a level-triggered fd
 * nobody reads does not fire at every poll; the next wait re-arms it. */
static void disarm_idle(cy_loop *loop, int fd, uint32_t idle)
{
    struct cy_iofd_ *e = &loop->io_fds[fd];
    uint32_t left = e->events & ~idle;
    struct epoll_event ev = { .events = left | EPOLLONESHOT,
                              .data.u64 = (uint64_t)(unsigned)fd };
    if (epoll_ctl(loop->io_epfd - 1, EPOLL_CTL_MOD, fd, &ev) == 0) {
        e->events = left;
        e->oneshot = 1;
    } else {
        e->events = 0; /* gone from the set: the next wait adds it */
        e->registered = 0;
    }
}

void cy_io_keep_(cy_loop *loop, int fd)
{
    if (fd >= 0 && table_reserve(loop, fd) == 0)
        loop->io_fds[fd].keep = 1;
}

static void list_push(cy_loop *loop, struct io_frame *f)
{
    struct cy_iofd_ *e = &loop->io_fds[f->fd];
    f->next = NULL;
    f->prev = e->tail[f->dir];
    if (f->prev)
        f->prev->next = f;
    else
        e->head[f->dir] = f;
    e->tail[f->dir] = f;
    f->queued = 1;
    loop->io_waiting++;
}

static void list_unlink(cy_loop *loop, struct io_frame *f)
{
    struct cy_iofd_ *e = &loop->io_fds[f->fd];
    if (f->prev)
        f->prev->next = f->next;
    else
        e->head[f->dir] = f->next;
    if (f->next)
        f->next->prev = f->prev;
    else
        e->tail[f->dir] = f->prev;
    f->prev = f->next = NULL;
    f->queued = 0;
    loop->io_waiting--;
}

/* Nothing notifies a frame in the waiter table (its key is the frame);
 * woken anyway, it would look again. */
static void reg_notify(cy_loop *loop, cy_waiter_ *w)
{
    cy_wake_(loop, w->root);
}

/* Queue f on its fd and park its root.  0 or a negative errno. */
static int io_arm(struct io_frame *f)
{
    cy_loop *loop = f->loop;
    if (f->fd < 0)
        return -EBADF;
    int rc = ensure_epoll(loop);
    if (rc)
        return rc;
    rc = table_reserve(loop, f->fd);
    if (rc)
        return rc;
    list_push(loop, f);
    rc = sync_fd(loop, f->fd);
    if (rc == 0) {
        f->reg.root = f->root;
        f->reg.notify = reg_notify;
        rc = cy_waiter_add_(loop, &f->reg, &f->task);
    }
    if (rc) {
        list_unlink(loop, f);
        sync_fd(loop, f->fd);
        return rc;
    }
    f->root->flags |= CY_F_PARKED_;
    return 0;
}

/* A task stepped by hand: is fd ready now?  1, 0 or a negative errno. */
static int poll_now(const struct io_frame *f)
{
    if (f->fd < 0)
        return -EBADF;
    struct pollfd p = { .fd = f->fd, .events = f->dir ? POLLOUT : POLLIN };
    int n = poll(&p, 1, 0);
    if (n < 0)
        return errno == EINTR ? 0 : -errno;
    if (n && (p.revents & POLLNVAL))
        return -EBADF;
    return n > 0;
}

static cy_task *io_resume(cy_task *self)
{
    struct io_frame *f = (struct io_frame *)self;
    switch (self->state) {
    case 0: {
        f->root = cy_root_of_(self);
        self->state = 1;
        if (!(f->root->flags & CY_F_ONLOOP_))
            break; /* stepped by hand: polls */
        int rc = io_arm(f);
        return rc ? cy_frame_fail_(self, rc) : NULL;
    }
    case 1:
        if (f->ready)
            return self;
        if (f->queued) {
            f->root->flags |= CY_F_PARKED_; /* stepped before its time */
            return NULL;
        }
        break;
    case CY_STATE_CANCEL:
        if (f->queued) {
            list_unlink(f->loop, f);
            sync_fd(f->loop, f->fd);
            cy_waiter_remove_(f->loop, &f->reg);
            cy_wake_(f->loop, f->root); /* the loop retires it */
        }
        return self;
    default:
        return self;
    }
    int rc = poll_now(f);
    if (rc < 0)
        return cy_frame_fail_(self, rc);
    return rc ? self : NULL;
}

/* ---- the loop's side ------------------------------------------------------ */

/* Wake every frame in list dir of fd. */
static size_t wake_list(cy_loop *loop, int fd, int dir)
{
    size_t n = 0;
    struct io_frame *f;
    while ((f = loop->io_fds[fd].head[dir])) {
        list_unlink(loop, f);
        f->ready = 1;
        cy_waiter_remove_(loop, &f->reg);
        cy_wake_(loop, f->root);
        n++;
    }
    return n;
}

/* Make the epoll fd, once.  0 or a negative errno. */
static int ensure_epoll(cy_loop *loop)
{
    if (loop->io_epfd)
        return 0;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0)
        return errno ? -errno : -EIO;
    loop->io_epfd = ep + 1;
    return 0;
}

#define SOURCE_TAG_ (UINT64_C(1) << 32)

int cy_io_active_(const cy_loop *loop)
{
    return loop->io_epfd &&
           (loop->io_waiting || (loop->ext && loop->ext->nsrc));
}

size_t cy_io_poll_(cy_loop *loop, int64_t timeout_ns)
{
    if (!cy_io_active_(loop))
        return 0;
    int ms;
    if (timeout_ns < 0)
        ms = -1;
    else if (timeout_ns >= (int64_t)INT_MAX * 1000000)
        ms = INT_MAX;
    else /* rounded up: a timer is never found early */
        ms = (int)((timeout_ns + 999999) / 1000000);
    struct epoll_event ev[64];
    int n = epoll_wait(loop->io_epfd - 1, ev, 64, ms);
    size_t woken = 0;
    for (int i = 0; i < n; i++) {
        uint64_t key = ev[i].data.u64;
        uint32_t r = ev[i].events;
        if (key & SOURCE_TAG_) {
            struct cy_loop_ext_ *x = loop->ext;
            size_t k = (size_t)(key & 0xffffffffu);
            if (x && k < x->nsrc && x->src[k].fn) {
                size_t before = loop->count;
                x->src[k].fn(loop, x->src[k].arg);
                woken += loop->count - before;
            }
            continue;
        }
        int fd = (int)key;
        if (fd < 0 || (size_t)fd >= loop->io_nfds)
            continue;
        struct cy_iofd_ *e = &loop->io_fds[fd];
        if (e->oneshot)
            e->events = 0; /* one-shot: disarmed now */
        uint32_t idle = 0; /* directions that fired with nobody waiting */
        if (r & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP | EPOLLPRI)) {
            if (e->head[0])
                woken += wake_list(loop, fd, 0);
            else
                idle |= EPOLLIN;
        }
        if (r & (EPOLLOUT | EPOLLHUP | EPOLLERR)) {
            if (e->head[1])
                woken += wake_list(loop, fd, 1);
            else
                idle |= EPOLLOUT;
        }
        if (e->keep && !e->oneshot && idle)
            disarm_idle(loop, fd, idle);
        sync_fd(loop, fd);
    }
    return woken;
}

void cy_io_forget_(cy_loop *loop, int fd)
{
    if (!loop || !loop->io_epfd || fd < 0 || (size_t)fd >= loop->io_nfds)
        return;
    struct cy_iofd_ *e = &loop->io_fds[fd];
    if (e->registered && !e->head[0] && !e->head[1]) {
        struct epoll_event ev = { 0 };
        epoll_ctl(loop->io_epfd - 1, EPOLL_CTL_DEL, fd, &ev);
        e->registered = 0;
        e->events = 0;
        e->oneshot = 0;
    }
    e->keep = 0; /* the number may come back as another fd */
}

int cy_io_add_source_(cy_loop *loop, int fd,
                      void (*fn)(cy_loop *loop, void *arg), void *arg)
{
    struct cy_loop_ext_ *x = cy_ext_(loop);
    if (!x)
        return -ENOMEM;
    if (x->nsrc == sizeof x->src / sizeof x->src[0])
        return -ENOSPC;
    int rc = ensure_epoll(loop);
    if (rc)
        return rc;
    struct epoll_event ev = { .events = EPOLLIN,
                              .data.u64 = SOURCE_TAG_ | x->nsrc };
    if (epoll_ctl(loop->io_epfd - 1, EPOLL_CTL_ADD, fd, &ev))
        return errno ? -errno : -EIO;
    x->src[x->nsrc].fd = fd;
    x->src[x->nsrc].fn = fn;
    x->src[x->nsrc].arg = arg;
    x->nsrc++;
    return 0;
}

void cy_io_remove_source_(cy_loop *loop, int fd)
{
    struct cy_loop_ext_ *x = loop->ext;
    if (!x)
        return;
    for (size_t k = 0; k < x->nsrc; k++) {
        if (x->src[k].fd != fd)
            continue;
        struct epoll_event ev = { 0 };
        if (loop->io_epfd)
            epoll_ctl(loop->io_epfd - 1, EPOLL_CTL_DEL, fd, &ev);
        /* the last one takes its place: re-key it */
        x->nsrc--;
        if (k != x->nsrc) {
            x->src[k] = x->src[x->nsrc];
            struct epoll_event ev2 = { .events = EPOLLIN,
                                       .data.u64 = SOURCE_TAG_ | k };
            if (loop->io_epfd)
                epoll_ctl(loop->io_epfd - 1, EPOLL_CTL_MOD, x->src[k].fd,
                          &ev2);
        }
        x->src[x->nsrc].fn = NULL;
        return;
    }
}

void cy_io_close_(cy_loop *loop)
{
    if (loop->io_epfd)
        close(loop->io_epfd - 1);
    loop->io_epfd = 0;
    free(loop->io_fds);
    loop->io_fds = NULL;
    loop->io_nfds = 0;
    loop->io_waiting = 0;
}
