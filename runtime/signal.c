/*
 * signal.c - loop.add_signal_handler on a signalfd.
 *
 * The signals a loop handles are blocked in the thread that adds them
 * (which must be the loop's thread; the pool's workers block every
 * signal) and read from a signalfd, a source in the loop's epoll set: the
 * handlers run on the loop's thread, between two steps, like any code of
 * the loop, so they may call cy_loop_stop, schedule tasks, set events.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "coroc.h"
#include "internal.h"
#include "ext.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/signalfd.h>
#include <unistd.h>

struct cy_sigh_ {
    struct cy_sigh_ *next;
    int signo;
    cy_signal_fn fn;
    void *arg;
};

static void on_signal(cy_loop *loop, void *arg)
{
    struct cy_loop_ext_ *x = arg;
    struct signalfd_siginfo si;
    for (;;) {
        ssize_t n = read(x->sfd, &si, sizeof si);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof si)
            return;
        for (struct cy_sigh_ *h = x->sigs; h; h = h->next) {
            if (h->signo == (int)si.ssi_signo) {
                h->fn(loop, h->signo, h->arg);
                break; /* the handler may have removed itself */
            }
        }
    }
}

/* Point the signalfd at x->sigmask (made at the first call). */
static int update_fd(cy_loop *loop, struct cy_loop_ext_ *x)
{
    int fd = signalfd(x->sfd, &x->sigmask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0)
        return errno ? -errno : -EIO;
    if (x->sfd < 0) {
        int rc = cy_io_add_source_(loop, fd, on_signal, x);
        if (rc) {
            close(fd);
            return rc;
        }
        x->sfd = fd;
    }
    return 0;
}

int cy_loop_add_signal_handler(cy_loop *loop, int signo, cy_signal_fn fn,
                               void *arg)
{
    if (!loop || !fn || signo <= 0 || signo >= 65 || signo == SIGKILL ||
        signo == SIGSTOP)
        return -EINVAL;
    struct cy_loop_ext_ *x = cy_ext_(loop);
    if (!x)
        return -ENOMEM;
    for (struct cy_sigh_ *h = x->sigs; h; h = h->next) {
        if (h->signo == signo) { /* replaces the previous one */
            h->fn = fn;
            h->arg = arg;
            return 0;
        }
    }
    struct cy_sigh_ *h = malloc(sizeof *h);
    if (!h)
        return -ENOMEM;
    sigset_t one, old;
    sigemptyset(&one);
    if (sigaddset(&one, signo)) {
        free(h);
        return -EINVAL;
    }
    if (!x->sigs) {
        pthread_sigmask(SIG_BLOCK, NULL, &x->oldmask);
    }
    pthread_sigmask(SIG_BLOCK, &one, &old);
    sigaddset(&x->sigmask, signo);
    int rc = update_fd(loop, x);
    if (rc) {
        sigdelset(&x->sigmask, signo);
        if (!sigismember(&old, signo))
            pthread_sigmask(SIG_UNBLOCK, &one, NULL);
        free(h);
        return rc;
    }
    h->signo = signo;
    h->fn = fn;
    h->arg = arg;
    h->next = x->sigs;
    x->sigs = h;
    return 0;
}

/* Drop the signals of `set` pending for this thread (read them off the
 * signalfd) and unblock those that were not blocked before. */
static void release(struct cy_loop_ext_ *x, int signo)
{
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, signo);
    struct timespec zero = { 0, 0 };
    while (sigtimedwait(&one, NULL, &zero) > 0)
        ; /* one that came after the last read: handled by nobody */
    if (!sigismember(&x->oldmask, signo))
        pthread_sigmask(SIG_UNBLOCK, &one, NULL);
}

int cy_loop_remove_signal_handler(cy_loop *loop, int signo)
{
    if (!loop)
        return -EINVAL;
    struct cy_loop_ext_ *x = loop->ext;
    if (!x)
        return 0;
    for (struct cy_sigh_ **p = &x->sigs; *p; p = &(*p)->next) {
        if ((*p)->signo != signo)
            continue;
        struct cy_sigh_ *h = *p;
        *p = h->next;
        free(h);
        sigdelset(&x->sigmask, signo);
        update_fd(loop, x);
        release(x, signo);
        return 1;
    }
    return 0;
}

void cy_signal_stop(cy_loop *loop, int signo, void *arg)
{
    (void)signo;
    (void)arg;
    cy_loop_stop(loop);
}

void cy_signal_close_(cy_loop *loop)
{
    struct cy_loop_ext_ *x = loop->ext;
    while (x->sigs) {
        struct cy_sigh_ *h = x->sigs;
        x->sigs = h->next;
        release(x, h->signo);
        free(h);
    }
    if (x->sfd >= 0) {
        cy_io_remove_source_(loop, x->sfd);
        close(x->sfd);
        x->sfd = -1;
    }
}
