/*
 * stream.c - asyncio's streams over a non-blocking fd: a buffered reader
 * (read, readline, readuntil, readexactly) and a buffered writer (write,
 * drain, close, wait_closed), both halves in one cy_stream.
 *
 * The waits are frames written by hand in the shape coroc emits: a read
 * frame takes what it needs from the stream's buffer, else reads the fd,
 * and when the fd has nothing (EAGAIN, or its last read was short) it
 * waits for readiness itself, in the stream's slot (cy_io_slot_wait_: a
 * cy_readable without a frame of its own), parked until the loop wakes
 * it.  Writes
 * go straight to the fd while nothing is buffered; what the fd does not
 * take is buffered and written by a flusher, a task of the loop's own
 * that awaits cy_writable.  drain and wait_closed are cy_events the
 * flusher and close set.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "coroc.h"
#include "internal.h"
#include "ext.h"
#include "stream.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define READ_CHUNK 16384
/* read(n) of at least this with nothing buffered reads into the caller's
 * buffer (smaller ones go through the stream's, to save system calls) */
#define DIRECT_MIN 1024

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (!(fl & O_NONBLOCK) && fcntl(fd, F_SETFL, fl | O_NONBLOCK)))
        return -errno;
    return 0;
}

cy_stream *cy_stream_new(cy_loop *loop, int fd)
{
    if (!loop || fd < 0 || set_nonblock(fd))
        return NULL;
    cy_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->loop = loop;
    s->fd = fd;
    s->limit = CY_STREAM_LIMIT_;
    s->high = 65536;
    s->low = 16384;
    s->is_sock = 1; /* until send says otherwise */
    cy_event_init(&s->drained);
    cy_event_set(&s->drained);
    cy_event_init(&s->closed_ev);
    return s;
}

/* Close the fd now, or once no read waits on it (the read closes it as
 * it leaves). */
static void do_close(cy_stream *s)
{
    if (s->fd < 0)
        return;
    if (s->reading) {
        /* a socket's read is woken at once by the shutdown; another fd's
         * (a pipe) when data or EOF comes: closing it under the wait
         * would leave the read waiting forever */
        if (!s->close_pending && s->is_sock)
            shutdown(s->fd, SHUT_RDWR);
        s->close_pending = 1;
        return;
    }
    cy_io_forget_(s->loop, s->fd);
    close(s->fd);
    s->fd = -1;
    s->wlen = 0;
    s->closed = 1;
    cy_event_set(&s->drained);
    cy_event_set(&s->closed_ev);
}

void cy_stream_free(cy_stream *s)
{
    if (!s)
        return;
    if (s->flusher) {
        s->flusher->s = NULL;
        cy_task_cancel(&s->flusher->task); /* the loop frees it */
        s->flusher = NULL;
    }
    s->reading = 0;
    do_close(s);
    cy_event_destroy(&s->drained);
    cy_event_destroy(&s->closed_ev);
    free(s->rbuf);
    free(s->wbuf);
    free(s);
}

int cy_stream_fd(const cy_stream *s) { return s ? s->fd : -1; }
cy_loop *cy_stream_loop(const cy_stream *s) { return s ? s->loop : NULL; }
void *cy_stream_data(const cy_stream *s) { return s ? s->data : NULL; }
void cy_stream_set_data(cy_stream *s, void *data) { if (s) s->data = data; }
size_t cy_stream_write_buffered(const cy_stream *s) { return s ? s->wlen : 0; }
int cy_stream_is_closing(const cy_stream *s)
{
    return s && (s->closing || s->closed);
}
int cy_stream_at_eof(const cy_stream *s)
{
    return s && s->eof && s->rlen == 0;
}

int cy_stream_set_write_limits(cy_stream *s, size_t high, size_t low)
{
    if (!s || low > high)
        return -EINVAL;
    s->high = high;
    s->low = low;
    return 0;
}

int cy_stream_set_limit(cy_stream *s, size_t limit)
{
    if (!s || limit == 0)
        return -EINVAL;
    s->limit = limit;
    return 0;
}

int cy_stream_peername(const cy_stream *s, char *buf, size_t size)
{
    if (!s)
        return -EINVAL;
    char host[INET6_ADDRSTRLEN] = "";
    const struct sockaddr *sa = (const struct sockaddr *)&s->peer;
    if (s->peerlen && sa->sa_family == AF_INET) {
        const struct sockaddr_in *a = (const void *)&s->peer;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        return snprintf(buf, size, "('%s', %u)", host, ntohs(a->sin_port));
    }
    if (s->peerlen && sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const void *)&s->peer;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        return snprintf(buf, size, "('%s', %u, %u, %u)", host,
                        ntohs(a->sin6_port), (unsigned)ntohl(a->sin6_flowinfo),
                        (unsigned)a->sin6_scope_id);
    }
    if (s->peerlen > offsetof(struct sockaddr_un, sun_path) &&
        sa->sa_family == AF_UNIX) {
        const struct sockaddr_un *a = (const void *)&s->peer;
        return snprintf(buf, size, "'%s'", a->sun_path);
    }
    return snprintf(buf, size, "''");
}

/* ---- reading -------------------------------------------------------------- */

enum { R_READ, R_EXACTLY, R_UNTIL, R_LINE };

struct read_frame {
    cy_task task;
    cy_stream *s;
    unsigned char *buf;
    size_t n;          /* read(n), readexactly(n); the cap for the others */
    const unsigned char *sep;
    size_t seplen;
    size_t *got;
    size_t done;       /* readexactly: bytes copied so far */
    size_t scanned;    /* until: the buffer holds no sep before this */
    cy_task *child;
    uint8_t mode, owns;
};

static cy_task *read_resume(cy_task *self);
static const cy_desc read_desc = {
    .name = "read", .resume = read_resume,
    .size = sizeof(struct read_frame),
};

static cy_task *read_new(cy_stream *s, int mode, void *buf, size_t n,
                         const void *sep, size_t seplen, size_t *got)
{
    if (!s)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    struct read_frame *f = cy_alloc(sizeof *f);
    if (!f)
        return NULL;
    cy_task_init(&f->task, &read_desc, CY_F_HEAP);
    f->s = s;
    f->buf = buf;
    f->n = n;
    f->sep = sep;
    f->seplen = seplen;
    f->got = got;
    f->mode = (uint8_t)mode;
    return &f->task;
}

cy_task *cy_stream_read(cy_stream *s, void *buf, size_t n, size_t *got)
{
    return read_new(s, R_READ, buf, n, NULL, 0, got);
}

cy_task *cy_stream_readexactly(cy_stream *s, void *buf, size_t n,
                               size_t *got)
{
    return read_new(s, R_EXACTLY, buf, n, NULL, 0, got);
}

cy_task *cy_stream_readuntil(cy_stream *s, const void *sep, size_t seplen,
                             void *buf, size_t cap, size_t *got)
{
    return read_new(s, R_UNTIL, buf, cap, sep, seplen, got);
}

cy_task *cy_stream_readline(cy_stream *s, void *buf, size_t cap,
                            size_t *got)
{
    return read_new(s, R_LINE, buf, cap, "\n", 1, got);
}

static void consume(cy_stream *s, void *to, size_t n)
{
    if (to && n)
        memcpy(to, s->rbuf + s->rstart, n);
    s->rstart += n;
    s->rlen -= n;
    if (!s->rlen)
        s->rstart = 0;
}

static void set_got(struct read_frame *f, size_t n)
{
    if (f->got)
        *f->got = n;
}

/* Can the read finish from the buffer?  1 yes, 0 it needs more, or a
 * negative errno (it fails). */
static int satisfy(struct read_frame *f)
{
    cy_stream *s = f->s;
    switch (f->mode) {
    case R_READ:
        if (s->rlen || s->eof || f->n == 0) {
            size_t k = s->rlen < f->n ? s->rlen : f->n;
            consume(s, f->buf, k);
            set_got(f, k);
            return 1;
        }
        return 0;
    case R_EXACTLY: {
        size_t k = f->n - f->done;
        if (k > s->rlen)
            k = s->rlen;
        consume(s, f->buf + f->done, k);
        f->done += k;
        set_got(f, f->done);
        if (f->done == f->n)
            return 1;
        return s->eof ? -ENODATA : 0;
    }
    default: { /* R_UNTIL, R_LINE */
        size_t max = f->n < s->limit ? f->n : s->limit;
        /* (no buffer yet: nothing to scan, and no offset from NULL) */
        const unsigned char *b = s->rbuf ? (const unsigned char *)s->rbuf + s->rstart : NULL;
        if (f->seplen == 0)
            return -EINVAL;
        size_t i = f->scanned;
        for (; i + f->seplen <= s->rlen; i++) {
            if (b[i] == f->sep[0] && !memcmp(b + i, f->sep, f->seplen)) {
                size_t len = i + f->seplen;
                if (len > max)
                    return -ENOBUFS;
                consume(s, f->buf, len);
                set_got(f, len);
                return 1;
            }
        }
        f->scanned = i;
        if (s->rlen >= max + (f->seplen > 1))
            return -ENOBUFS;
        if (!s->eof)
            return 0;
        size_t k = s->rlen;
        consume(s, f->buf, k);
        set_got(f, k);
        return f->mode == R_LINE ? 1 : -ENODATA;
    }
    }
}

/* Room for at least one chunk after the buffered bytes. */
static int make_room(cy_stream *s)
{
    if (s->rstart + s->rlen + READ_CHUNK <= s->rcap)
        return 0;
    if (s->rstart) {
        memmove(s->rbuf, s->rbuf + s->rstart, s->rlen);
        s->rstart = 0;
        if (s->rlen + READ_CHUNK <= s->rcap)
            return 0;
    }
    size_t cap = s->rcap ? s->rcap * 2 : READ_CHUNK;
    while (cap < s->rlen + READ_CHUNK)
        cap *= 2;
    char *b = realloc(s->rbuf, cap);
    if (!b)
        return -ENOMEM;
    s->rbuf = b;
    s->rcap = cap;
    return 0;
}

/* A read that ends as the child of an await run inline (cy_await adopted
 * it: no loop holds it, a parent runs it) is released by that parent as
 * soon as it resumes, in this same step, before any other read can be
 * made: its frame is kept for the next read (cy_task_free, through
 * cy_await_release, frees nothing without CY_F_HEAP).  Any other read
 * (stepped by a loop, by hand, or cancelled) stays the caller's, freed
 * as before. */
static cy_task *read_end(struct read_frame *f, int err)
{
    cy_stream *s = f->s;
    if (f->owns) {
        f->owns = 0;
        s->reading = 0;
        if (s->close_pending)
            do_close(s);
    }
    if (err) {
        f->task.status = CY_ERROR;
        f->task.err = err;
    }
    return &f->task;
}

/* What a read(2) that returned k says, errno read at once: 1 data; 0 go
 * round again (end of file or an error now recorded in the stream, or
 * EINTR); -1 nothing there yet: wait for readiness. */
static int read_outcome(cy_stream *s, ssize_t k)
{
    if (k > 0)
        return 1;
    if (k == 0) {
        s->eof = 1;
        return 0;
    }
    if (errno == EINTR)
        return 0;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
        s->err = -errno;
        return 0;
    }
    return -1;
}

static cy_task *read_resume(cy_task *self)
{
    struct read_frame *f = (struct read_frame *)self;
    cy_stream *s = f->s;
    switch (self->state) {
    case 0:
        if (s->reading)
            return read_end(f, -EBUSY);
        s->reading = 1;
        f->owns = 1;
        self->state = 1;
        break;
    case 2: { /* waiting in s->rwait: is the fd readable? */
        int rc = cy_io_slot_check_(&s->rwait);
        if (rc == 0)
            return NULL; /* not yet */
        if (rc < 0)
            return read_end(f, rc);
        s->pollable = 1;
        s->rdrained = 0; /* ready: read it */
        break;
    }
    case CY_STATE_CANCEL:
        if (f->owns)
            cy_io_slot_cancel_(&s->rwait); /* when it waits there */
        read_end(f, 0);
        return self;
    default:
        return self;
    }
    for (;;) {
        int rc = satisfy(f);
        if (rc)
            return read_end(f, rc < 0 ? rc : 0);
        if (s->err)
            return read_end(f, s->err);
        if (s->fd < 0 || s->close_pending) {
            s->eof = 1;
            continue;
        }
        if (s->rdrained)
            goto wait; /* the last read emptied the fd: no read to fail */
        if (f->mode == R_READ && s->rlen == 0 && f->n >= DIRECT_MIN) {
            /* nothing buffered: read into the caller's buffer, no copy */
            ssize_t k = read(s->fd, f->buf, f->n);
            int got = read_outcome(s, k);
            if (got > 0) {
                s->rdrained = s->pollable && (size_t)k < f->n;
                set_got(f, (size_t)k);
                return read_end(f, 0);
            }
            if (got == 0)
                continue;
            goto wait;
        }
        /* a buffered read: the stream's buffer only now (a stream whose
         * reads all go to the caller's buffer never has one) */
        if ((rc = make_room(s)))
            return read_end(f, rc);
        char *to = s->rbuf + s->rstart + s->rlen;
        size_t room = s->rcap - s->rstart - s->rlen;
        ssize_t n = read(s->fd, to, room);
        int got = read_outcome(s, n);
        if (got > 0) {
            s->rlen += (size_t)n;
            /* a short read emptied the fd (what comes after it makes the
             * fd readable: the wait sees it); a full one may have left
             * more */
            s->rdrained = s->pollable && (size_t)n < room;
            continue;
        }
        if (got == 0)
            continue;
    wait:
        if (!s->io_kept) { /* once: only do_close forgets it */
            cy_io_keep_(s->loop, s->fd); /* do_close forgets it first */
            s->io_kept = 1;
        }
        /* the reader (s->reading) waits in the stream's slot, itself:
         * no child frame to run */
        rc = cy_io_slot_wait_(&s->rwait, s->loop, s->fd, 0, self);
        if (rc < 0)
            return read_end(f, rc);
        if (rc == 2) { /* stepped by hand, and ready */
            s->pollable = 1;
            s->rdrained = 0;
            continue;
        }
        self->state = 2;
        return NULL; /* parked, or stepped by hand: step again */
    }
}

/* ---- writing -------------------------------------------------------------- */

static cy_task *flush_resume(cy_task *self);
static const cy_desc flush_desc = {
    .name = "flush", .resume = flush_resume,
    .size = sizeof(struct cy_flush_),
};

/* Write what the fd takes from data.  Returns the bytes written, or a
 * negative errno (-EAGAIN when it takes none). */
static ssize_t put(cy_stream *s, const void *data, size_t n)
{
    for (;;) {
        ssize_t k;
        if (s->is_sock) {
            k = send(s->fd, data, n, MSG_NOSIGNAL);
            if (k < 0 && errno == ENOTSOCK) {
                s->is_sock = 0;
                continue;
            }
        } else {
            k = write(s->fd, data, n);
        }
        if (k >= 0)
            return k;
        if (errno == EINTR)
            continue;
        if (errno == EWOULDBLOCK)
            return -EAGAIN;
        return -errno;
    }
}

static int start_flusher(cy_stream *s)
{
    struct cy_flush_ *f = cy_alloc(sizeof *f);
    if (!f)
        return -ENOMEM;
    cy_task_init(&f->task, &flush_desc, CY_F_HEAP);
    f->s = s;
    int rc = cy_spawn_(s->loop, &f->task);
    if (rc) {
        free(f);
        return rc;
    }
    s->flusher = f;
    return 0;
}

int cy_stream_write(cy_stream *s, const void *data, size_t n)
{
    if (!s || (!data && n))
        return -EINVAL;
    if (s->closing || s->closed)
        return -EPIPE;
    if (s->err)
        return s->err;
    if (n == 0)
        return 0;
    const char *p = data;
    if (s->wlen == 0) {
        ssize_t k = put(s, p, n);
        if (k == -EAGAIN)
            k = 0;
        if (k < 0) {
            s->err = (int)k;
            return s->err;
        }
        p += k;
        n -= (size_t)k;
        if (n == 0)
            return 0;
    }
    /* buffer the rest: compact, grow, append */
    if (s->wstart && s->wstart + s->wlen + n > s->wcap) {
        memmove(s->wbuf, s->wbuf + s->wstart, s->wlen);
        s->wstart = 0;
    }
    if (s->wstart + s->wlen + n > s->wcap) {
        size_t cap = s->wcap ? s->wcap : 4096;
        while (cap < s->wlen + n) {
            if (cap > SIZE_MAX / 2)
                return -ENOMEM;
            cap *= 2;
        }
        char *b = realloc(s->wbuf, cap);
        if (!b)
            return -ENOMEM;
        s->wbuf = b;
        s->wcap = cap;
    }
    memcpy(s->wbuf + s->wstart + s->wlen, p, n);
    s->wlen += n;
    if (s->wlen > s->low)
        cy_event_clear(&s->drained);
    if (!s->flusher) {
        int rc = start_flusher(s);
        if (rc) {
            s->wlen -= n;
            return rc;
        }
    }
    return 0;
}

static cy_task *flush_resume(cy_task *self)
{
    struct cy_flush_ *f = (struct cy_flush_ *)self;
    cy_stream *s = f->s;
    switch (self->state) {
    case 0:
        self->state = 1;
        break;
    case 1: {
        cy_task *c = f->child;
        f->child = NULL;
        if (c->status != CY_FINISHED && s && !s->err)
            s->err = cy_child_error_(c);
        cy_task_free(c);
        break;
    }
    case CY_STATE_CANCEL:
        if (s && s->flusher == f)
            s->flusher = NULL;
        return self;
    default:
        return self;
    }
    if (!s)
        return self;
    while (s->wlen && !s->err && s->fd >= 0) {
        ssize_t k = put(s, s->wbuf + s->wstart, s->wlen);
        if (k == -EAGAIN) {
            cy_task *c = cy_writable(s->loop, s->fd);
            if (c) {
                f->child = c;
                return c;
            }
            k = -ENOMEM;
        }
        if (k < 0) {
            s->err = (int)k;
            break;
        }
        s->wstart += (size_t)k;
        s->wlen -= (size_t)k;
        if (s->wlen <= s->low)
            cy_event_set(&s->drained);
    }
    s->wlen = 0;
    s->wstart = 0;
    s->flusher = NULL;
    cy_event_set(&s->drained);
    if (s->closing)
        do_close(s);
    return self;
}

/* drain(): a frame that waits for the drained event when the buffer is
 * above the high-water mark. */
struct drain_frame {
    cy_task task;
    cy_stream *s;
    cy_task *child;
};

static cy_task *drain_resume(cy_task *self);
static const cy_desc drain_desc = {
    .name = "drain", .resume = drain_resume,
    .size = sizeof(struct drain_frame),
};

/* What a drain that need not wait returns: a done task.  Never written:
 * every runtime call treats a done task as read-only (awaiting it does
 * not suspend, freeing it frees nothing: it has no CY_F_HEAP). */
static const cy_desc drained_desc = { .name = "drain" };
static const cy_task drained_task = {
    .desc = &drained_desc, .link = (cy_task *)&drained_task,
    .status = CY_FINISHED,
};

cy_task *cy_stream_drain(cy_stream *s)
{
    if (!s)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    if (!s->err && (s->wlen <= s->high || s->fd < 0))
        return (cy_task *)&drained_task; /* nothing to wait for */
    struct drain_frame *f = cy_alloc(sizeof *f);
    if (!f)
        return NULL;
    cy_task_init(&f->task, &drain_desc, CY_F_HEAP);
    f->s = s;
    return &f->task;
}

static cy_task *drain_resume(cy_task *self)
{
    struct drain_frame *f = (struct drain_frame *)self;
    cy_stream *s = f->s;
    switch (self->state) {
    case 0:
        break;
    case 1: {
        cy_task *c = f->child;
        f->child = NULL;
        int err = cy_child_error_(c);
        cy_task_free(c);
        if (err)
            return cy_frame_fail_(self, err);
        break;
    }
    default:
        return self;
    }
    for (;;) {
        if (s->err)
            return cy_frame_fail_(self, s->err);
        if (s->wlen <= s->high || s->fd < 0)
            return self;
        cy_task *c = cy_event_wait(s->loop, &s->drained);
        if (!c)
            return cy_frame_fail_(self, -ENOMEM);
        if (cy_task_done(c))
            continue; /* set meanwhile: look again */
        f->child = c;
        self->state = 1;
        return c;
    }
}

int cy_stream_close(cy_stream *s)
{
    if (!s)
        return -EINVAL;
    if (s->closing || s->closed)
        return 0;
    s->closing = 1;
    if (!s->flusher || s->err)
        do_close(s);
    return 0;
}

cy_task *cy_stream_wait_closed(cy_stream *s)
{
    return s ? cy_event_task_(s->loop, &s->closed_ev) : NULL;
}

/* ---- a NEW task that waits for an event ------------------------------------
 * cy_event_wait returns a done task when the event is set; the waits
 * above return a fresh heap task in every case, so that a program may
 * also hand them to cy_loop_run_until_complete. */

struct evtask_frame {
    cy_task task;
    cy_loop *loop;
    cy_event *ev;
    cy_task *child;
};

static cy_task *evtask_resume(cy_task *self);
static const cy_desc evtask_desc = {
    .name = "wait_closed", .resume = evtask_resume,
    .size = sizeof(struct evtask_frame),
};

cy_task *cy_event_task_(cy_loop *loop, cy_event *ev)
{
    struct evtask_frame *f = cy_alloc(sizeof *f);
    if (!f)
        return NULL;
    cy_task_init(&f->task, &evtask_desc, CY_F_HEAP);
    f->loop = loop;
    f->ev = ev;
    return &f->task;
}

static cy_task *evtask_resume(cy_task *self)
{
    struct evtask_frame *f = (struct evtask_frame *)self;
    switch (self->state) {
    case 0: {
        cy_task *c = cy_event_wait(f->loop, f->ev);
        if (!c)
            return cy_frame_fail_(self, -ENOMEM);
        if (cy_task_done(c)) {
            int err = cy_task_error(c);
            return err ? cy_frame_fail_(self, err) : self;
        }
        f->child = c;
        self->state = 1;
        return c;
    }
    case 1: {
        cy_task *c = f->child;
        f->child = NULL;
        int err = cy_child_error_(c);
        cy_task_free(c);
        return err ? cy_frame_fail_(self, err) : self;
    }
    default:
        return self;
    }
}
