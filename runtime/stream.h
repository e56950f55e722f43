/*
 * stream.h - the private parts of streams and servers (stream.c,
 * server.c).  Not installed.
 */
#ifndef COROC_STREAM_H
#define COROC_STREAM_H

#include "coroc.h"

#include <sys/socket.h>

#define CY_STREAM_LIMIT_ 65536 /* asyncio's default limit, 2 ** 16 */

struct cy_flush_ {
    cy_task task;
    cy_stream *s;     /* NULL once the stream is gone */
    cy_task *child;
};

/* io.c: room for a readiness wait (what the frame of cy_readable and
 * cy_writable holds) inside a struct of the runtime's, which then waits
 * without an allocation nor a child frame; the fields are io.c's. */
typedef union cy_io_slot_ {
    cy_task task;
    void *room_[16];
} cy_io_slot_;

/* io.c: a readiness wait without a child frame: frame self arms slot
 * for fd (dir 0 readable, 1 writable) and suspends itself (returns NULL
 * from its resume) when this gives 1 (parked on its loop) or 0 (stepped
 * by hand, not ready: step again); 2: ready now (by hand); or a negative
 * errno.  Resumed, it asks
 * cy_io_slot_check_: 1 ready, 0 not yet (suspend again), a negative
 * errno; cancelled while it waits, it calls cy_io_slot_cancel_. */
int cy_io_slot_wait_(cy_io_slot_ *slot, cy_loop *loop, int fd, int dir,
                     cy_task *self);
int cy_io_slot_check_(cy_io_slot_ *slot);
void cy_io_slot_cancel_(cy_io_slot_ *slot);

struct cy_stream {
    cy_loop *loop;
    int fd;            /* -1 once closed */
    int err;           /* the first read or write error, sticky */
    uint8_t eof, reading, closing, closed, close_pending, is_sock;
    /* private (stream.c): the fd has given a readiness wait (it can be
     * polled: not a regular file); and the last read of the fd took less
     * than it asked, so the fd is empty: the next read waits for
     * readiness before it calls read */
    uint8_t pollable, rdrained;
    uint8_t io_kept;   /* private (stream.c): cy_io_keep_ was called */
    char *rbuf;        /* bytes [rstart, rstart + rlen) are buffered */
    size_t rstart, rlen, rcap, limit;
    char *wbuf;        /* bytes [wstart, wstart + wlen) wait to be sent */
    size_t wstart, wlen, wcap, high, low;
    struct cy_flush_ *flusher;
    cy_event drained;  /* set while wlen <= low */
    cy_event closed_ev;
    void *data;
    struct sockaddr_storage peer;
    socklen_t peerlen;
    /* private (stream.c): the wait of the read that runs (s->reading),
     * its child while the fd is not readable */
    cy_io_slot_ rwait;
};

/* stream.c: a NEW heap task that waits until ev is set */
cy_task *cy_event_task_(cy_loop *loop, cy_event *ev);

#endif /* COROC_STREAM_H */
