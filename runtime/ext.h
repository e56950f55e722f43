/*
 * ext.h - the loop's extension (private): what the streams, servers,
 * signals, thread pool and loop control add to a cy_loop.  A loop gets
 * one (loop->ext) the first time a program uses one of them; a loop
 * without it runs exactly as before.  Not installed.
 */
#ifndef COROC_EXT_H
#define COROC_EXT_H

#include "coroc.h"
#include "internal.h"

#include <pthread.h>
#include <signal.h>

/* An fd of the runtime's own in the loop's epoll set (an eventfd, a
 * signalfd): fn runs on the loop's thread when it is readable.  Such a
 * source is not a wait: it never keeps cy_loop_run going. */
struct cy_source_ {
    int fd;
    void (*fn)(cy_loop *loop, void *arg);
    void *arg;
};

struct cy_job_;  /* thread.c */
struct cy_post_; /* thread.c */

struct cy_loop_ext_ {
    int stop;       /* cy_loop_stop was called */
    int running;    /* inside cy_loop_run_forever */
    cy_done_fn on_finish;
    void *on_finish_arg;
    struct cy_source_ src[4];
    size_t nsrc;
    /* thread.c: the default executor, and the jobs of this loop that
     * workers have finished (the eventfd tells the loop) */
    struct cy_executor *pool;
    pthread_mutex_t mu;
    pthread_cond_t cv;     /* a job of this loop left a worker */
    struct cy_job_ *done;  /* finished jobs, not yet seen by the loop */
    size_t inflight;       /* jobs of this loop queued or running */
    int efd;               /* eventfd, -1 until the first job */
    /* thread.c: cy_loop_post's FIFO (under mu), and whether other
     * threads may post (cy_loop_share; under mu) */
    struct cy_post_ *posts, **posts_tail;
    int shared;
    /* signal.c */
    struct cy_sigh_ *sigs;
    int sfd;               /* signalfd, -1 until the first handler */
    sigset_t sigmask;      /* the signals this loop handles */
    sigset_t oldmask;      /* the thread's mask before the first one */
};

/* The loop's extension, made on first use (NULL when out of memory). */
struct cy_loop_ext_ *cy_ext_(cy_loop *loop);
/* Called by cy_loop_close once the tasks are cancelled: joins the
 * workers, closes the eventfd and signalfd, frees the extension. */
void cy_ext_close_(cy_loop *loop);
void cy_thread_close_(cy_loop *loop);
void cy_signal_close_(cy_loop *loop);

/* io.c: add or remove a source (0 or a negative errno) */
int cy_io_add_source_(cy_loop *loop, int fd,
                      void (*fn)(cy_loop *loop, void *arg), void *arg);
void cy_io_remove_source_(cy_loop *loop, int fd);
/* io.c: fd is about to be closed: take it out of the epoll set now */
void cy_io_forget_(cy_loop *loop, int fd);
/* io.c: keep fd armed between waits (level-triggered); only for a fd
 * whose owner calls cy_io_forget_ before closing it */
void cy_io_keep_(cy_loop *loop, int fd);
/* io.c: 1 when the loop has sources or waits to poll */
int cy_io_active_(const cy_loop *loop);

/* thread.c: cy_to_thread for the runtime's own jobs: when the awaiting
 * task is cancelled, dispose(arg) runs once the job is over (arg belongs
 * to the job then); otherwise arg stays the caller's. */
cy_task *cy_to_thread_owned_(cy_loop *loop, cy_work_fn fn, void *arg,
                             void (*dispose)(void *arg));

/* A task of the runtime's own (a stream's flusher, a server's accept and
 * connection tasks): loop-owned, freed when done, never shown to the done
 * hooks (CY_F_AUTO_ marks it). */
int cy_spawn_(cy_loop *loop, cy_task *t);

#endif /* COROC_EXT_H */
