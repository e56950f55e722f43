/*
 * server.c - asyncio.open_connection and start_server (TCP over IPv4 and
 * IPv6, and Unix sockets) on top of the streams.
 *
 * Names are resolved with getaddrinfo on the loop's thread pool (a
 * numeric address is parsed in place).  A server listens on every
 * address of its host; each listening socket has an accept task, and
 * each connection a task that runs the handler as its child, then closes
 * and frees the stream.  Those are tasks of the runtime's own (cy_spawn_:
 * loop-owned, no done hook).
 */
#define _GNU_SOURCE /* accept4 */
#include "coroc.h"
#include "internal.h"
#include "ext.h"
#include "stream.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_LISTEN 8

/* ---- name resolution, on a worker thread ---------------------------------- */

struct resolve {
    char *host;          /* NULL: any address (a server) */
    char port[8];
    int passive;
    struct addrinfo *res;
};

static void resolve_free(void *arg)
{
    struct resolve *r = arg;
    if (!r)
        return;
    if (r->res)
        freeaddrinfo(r->res);
    free(r->host);
    free(r);
}

static int gai_errno(int g)
{
    switch (g) {
    case 0: return 0;
    case EAI_MEMORY: return -ENOMEM;
    case EAI_SYSTEM: return errno ? -errno : -EIO;
    case EAI_AGAIN: return -EAGAIN;
    default: return -ENOENT; /* the name does not resolve */
    }
}

static int lookup(struct resolve *r, int numeric)
{
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | (r->passive ? AI_PASSIVE : 0) |
                     (numeric ? AI_NUMERICHOST : AI_ADDRCONFIG);
    return gai_errno(getaddrinfo(r->host, r->port, &hints, &r->res));
}

static int resolve_work(void *arg)
{
    return lookup(arg, 0);
}

static struct resolve *resolve_new(const char *host, int port, int passive)
{
    struct resolve *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (host && !(r->host = strdup(host))) {
        free(r);
        return NULL;
    }
    snprintf(r->port, sizeof r->port, "%d", port);
    r->passive = passive;
    return r;
}

/* Resolve host: a numeric one (or none) at once (1), else a task to await
 * that resolves it on the pool (0, *task set), or a negative errno. */
static int resolve_start(cy_loop *loop, struct resolve *r, cy_task **task)
{
    int rc = lookup(r, 1); /* numeric, or any address: no lookup */
    if (rc == 0 || !r->host)
        return rc ? rc : 1;
    *task = cy_to_thread_owned_(loop, resolve_work, r, resolve_free);
    return *task ? 0 : -ENOMEM;
}

static int child_err(cy_task *c)
{
    int err = cy_child_error_(c);
    cy_task_free(c);
    return err;
}

static void keep_peer(cy_stream *s)
{
    s->peerlen = sizeof s->peer;
    if (getpeername(s->fd, (struct sockaddr *)&s->peer, &s->peerlen))
        s->peerlen = 0;
}

/* ---- open_connection --------------------------------------------------------- */

struct open_frame {
    cy_task task;
    cy_loop *loop;
    cy_stream **out;
    struct resolve *r;
    struct addrinfo *cur;
    struct sockaddr_un un;  /* open_unix_connection */
    int unix_;
    int fd, lasterr;
    int resolving;  /* the pool's job owns r once cancelled */
    cy_task *child;
};

static cy_task *open_resume(cy_task *self);
static const cy_desc open_desc = {
    .name = "open_connection", .resume = open_resume,
    .size = sizeof(struct open_frame),
};

/* The frame both openers start from; NULL when out of memory. */
static struct open_frame *open_frame_new(cy_loop *loop, cy_stream **out)
{
    struct open_frame *f = cy_alloc(sizeof *f);
    if (!f)
        return NULL;
    cy_task_init(&f->task, &open_desc, CY_F_HEAP);
    f->loop = loop;
    f->out = out;
    f->fd = -1;
    return f;
}

cy_task *cy_open_connection(cy_loop *loop, const char *host, int port,
                            cy_stream **out)
{
    if (!loop || !host)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    struct open_frame *f = open_frame_new(loop, out);
    if (!f)
        return NULL;
    f->lasterr = (port < 0 || port > 65535) ? -EINVAL : 0;
    if (!(f->r = resolve_new(host, port, 0))) {
        free(f);
        return NULL;
    }
    return &f->task;
}

cy_task *cy_open_unix_connection(cy_loop *loop, const char *path,
                                 cy_stream **out)
{
    if (!loop || !path)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    struct open_frame *f = open_frame_new(loop, out);
    if (!f)
        return NULL;
    f->unix_ = 1;
    f->un.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof f->un.sun_path)
        f->lasterr = -ENAMETOOLONG;
    else
        strcpy(f->un.sun_path, path);
    return &f->task;
}

static cy_task *open_done(struct open_frame *f, int err)
{
    if (f->r) {
        resolve_free(f->r);
        f->r = NULL;
    }
    if (err) {
        if (f->fd >= 0)
            close(f->fd);
        f->fd = -1;
        return cy_frame_fail_(&f->task, err);
    }
    cy_stream *s = cy_stream_new(f->loop, f->fd);
    if (!s) {
        close(f->fd);
        f->fd = -1;
        return cy_frame_fail_(&f->task, -ENOMEM);
    }
    f->fd = -1;
    keep_peer(s);
    if (f->out)
        *f->out = s;
    else
        cy_stream_free(s);
    return &f->task;
}

/* Start connecting to one address: 1 connected, 0 in progress, or a
 * negative errno for this address. */
static int try_connect(struct open_frame *f, const struct sockaddr *sa,
                       socklen_t len, int family)
{
    f->fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (f->fd < 0)
        return -errno;
    if (connect(f->fd, sa, len) == 0)
        return 1;
    if (errno == EINPROGRESS || errno == EAGAIN)
        return 0;
    int err = -errno;
    close(f->fd);
    f->fd = -1;
    return err;
}

static cy_task *open_resume(cy_task *self)
{
    struct open_frame *f = (struct open_frame *)self;
    int rc;
    switch (self->state) {
    case 0:
        if (f->lasterr)
            return open_done(f, f->lasterr);
        if (f->unix_) {
            rc = try_connect(f, (struct sockaddr *)&f->un, sizeof f->un,
                             AF_UNIX);
            if (rc < 0)
                return open_done(f, rc);
            if (rc > 0)
                return open_done(f, 0);
            goto wait;
        }
        rc = resolve_start(f->loop, f->r, &f->child);
        if (rc < 0)
            return open_done(f, rc);
        if (rc == 0) {
            self->state = 1;
            f->resolving = 1;
            return f->child;
        }
        goto resolved;
    case 1: /* resolved on the pool */
        f->resolving = 0;
        rc = child_err(f->child);
        f->child = NULL;
        if (rc)
            return open_done(f, rc);
        goto resolved;
    case 2: { /* connecting: writable, or failed */
        rc = child_err(f->child);
        f->child = NULL;
        int soerr = 0;
        socklen_t l = sizeof soerr;
        if (!rc && getsockopt(f->fd, SOL_SOCKET, SO_ERROR, &soerr, &l))
            rc = -errno;
        if (!rc && soerr)
            rc = -soerr;
        if (!rc)
            return open_done(f, 0);
        close(f->fd);
        f->fd = -1;
        if (f->unix_)
            return open_done(f, rc);
        f->lasterr = rc;
        f->cur = f->cur->ai_next;
        goto next;
    }
    case CY_STATE_CANCEL:
        f->child = NULL;
        if (f->fd >= 0) {
            cy_io_forget_(f->loop, f->fd);
            close(f->fd);
        }
        f->fd = -1;
        if (!f->resolving) /* else the pool's job frees it */
            resolve_free(f->r);
        f->r = NULL;
        return self;
    default:
        return self;
    }
resolved:
    f->cur = f->r->res;
    f->lasterr = -ENOENT;
next:
    for (; f->cur; f->cur = f->cur->ai_next) {
        rc = try_connect(f, f->cur->ai_addr, f->cur->ai_addrlen,
                         f->cur->ai_family);
        if (rc > 0)
            return open_done(f, 0);
        if (rc == 0)
            goto wait;
        f->lasterr = rc;
    }
    return open_done(f, f->lasterr);
wait:
    f->child = cy_writable(f->loop, f->fd);
    if (!f->child)
        return open_done(f, -ENOMEM);
    self->state = 2;
    return f->child;
}

/* ---- servers -------------------------------------------------------------- */

struct conn_frame;

struct accept_frame {
    cy_task task;
    cy_server *srv;   /* NULL once the server is gone */
    size_t idx;
    cy_task *child;
};

struct cy_server {
    cy_loop *loop;
    cy_handler_fn handler;
    void *data;
    int lfd[MAX_LISTEN];
    struct accept_frame *acceptor[MAX_LISTEN];
    size_t nl;
    int port;
    int serving;
    char *path;                /* a Unix server's socket file */
    struct conn_frame *conns;  /* the handlers running */
    size_t nconns;
    cy_event closed;           /* serve_forever: no longer serving */
    cy_event idle;             /* wait_closed: closed, no handler left */
};

struct conn_frame {
    cy_task task;
    cy_server *srv;   /* NULL once the server is gone */
    cy_stream *s;
    cy_task *child;
    struct conn_frame *prev, *next;
};

static cy_task *accept_resume(cy_task *self);
static const cy_desc accept_desc = {
    .name = "accept", .resume = accept_resume,
    .size = sizeof(struct accept_frame),
};
static cy_task *conn_resume(cy_task *self);
static const cy_desc conn_desc = {
    .name = "connection", .resume = conn_resume,
    .size = sizeof(struct conn_frame),
};

static void conn_unlink(struct conn_frame *c)
{
    cy_server *srv = c->srv;
    if (!srv)
        return;
    if (c->prev)
        c->prev->next = c->next;
    else
        srv->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->srv = NULL;
    srv->nconns--;
    if (!srv->serving && !srv->nconns)
        cy_event_set(&srv->idle);
}

/* One connection: the handler as a child, then close and free. */
static cy_task *conn_resume(cy_task *self)
{
    struct conn_frame *c = (struct conn_frame *)self;
    switch (self->state) {
    case 0:
        c->child = c->srv ? c->srv->handler(c->s, c->s) : NULL;
        if (c->child && c->child->status == CY_NEW) {
            self->state = 1;
            return c->child;
        }
        cy_task_free(c->child); /* none, or not a fresh task */
        c->child = NULL;
        goto close;
    case 1: /* the handler ended: asyncio logs its error, drops it */
        cy_task_free(c->child);
        c->child = NULL;
        goto close;
    case 2:
        cy_task_free(c->child);
        c->child = NULL;
        goto done;
    case CY_STATE_CANCEL:
        c->child = NULL;
        goto done;
    default:
        return self;
    }
close:
    cy_stream_close(c->s);
    c->child = cy_stream_wait_closed(c->s);
    if (c->child && !cy_task_done(c->child)) {
        self->state = 2;
        return c->child;
    }
    c->child = NULL;
done:
    conn_unlink(c);
    cy_stream_free(c->s);
    c->s = NULL;
    return self;
}

/* Back off after EMFILE and the like: 0.1 s of real time, in loop units. */
static double backoff_units(cy_loop *loop)
{
    return 0.1 / loop->scale;
}

static cy_task *accept_resume(cy_task *self)
{
    struct accept_frame *a = (struct accept_frame *)self;
    switch (self->state) {
    case 0:
        self->state = 1;
        break;
    case 1: {
        cy_task *c = a->child;
        a->child = NULL;
        int failed = c->status != CY_FINISHED;
        cy_task_free(c);
        if (failed && a->srv) {
            /* the wait itself failed (no fd left for the epoll set, no
             * memory): back off and try again, as after EMFILE */
            a->child = cy_sleep(a->srv->loop, backoff_units(a->srv->loop));
            if (a->child)
                return a->child;
        }
        break;
    }
    case CY_STATE_CANCEL:
        a->child = NULL;
        if (a->srv)
            a->srv->acceptor[a->idx] = NULL;
        return self;
    default:
        return self;
    }
    cy_server *srv = a->srv;
    for (;;) {
        if (!srv || !srv->serving) {
            if (srv)
                srv->acceptor[a->idx] = NULL;
            return self;
        }
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int fd = accept4(srv->lfd[a->idx], (struct sockaddr *)&ss, &len,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            int e = errno;
            if (e == EINTR || e == ECONNABORTED || e == EPROTO)
                continue;
            if (e == EAGAIN || e == EWOULDBLOCK) {
                a->child = cy_readable(srv->loop, srv->lfd[a->idx]);
            } else if (e == EMFILE || e == ENFILE || e == ENOBUFS ||
                       e == ENOMEM) {
                /* out of fds: this socket waits, the others go on */
                a->child = cy_sleep(srv->loop, backoff_units(srv->loop));
            } else {
                srv->acceptor[a->idx] = NULL;
                return self;
            }
            if (!a->child) /* out of memory: as EMFILE, later */
                a->child = cy_sleep(srv->loop, backoff_units(srv->loop));
            if (!a->child) {
                srv->acceptor[a->idx] = NULL;
                return self;
            }
            return a->child;
        }
        cy_stream *s = cy_stream_new(srv->loop, fd);
        struct conn_frame *c = s ? cy_alloc(sizeof *c) : NULL;
        if (!c) {
            cy_stream_free(s);
            if (!s)
                close(fd);
            continue; /* dropped: no memory for it */
        }
        s->peerlen = len <= sizeof s->peer ? len : 0;
        memcpy(&s->peer, &ss, s->peerlen);
        s->data = srv->data;
        cy_task_init(&c->task, &conn_desc, CY_F_HEAP);
        c->s = s;
        c->srv = srv;
        if (cy_spawn_(srv->loop, &c->task)) {
            cy_stream_free(s);
            free(c);
            continue;
        }
        c->next = srv->conns;
        if (c->next)
            c->next->prev = c;
        srv->conns = c;
        srv->nconns++;
    }
}

/* start_server's own frame: resolve, bind, listen, start accepting. */
struct start_frame {
    cy_task task;
    cy_loop *loop;
    cy_handler_fn handler;
    cy_server **out;
    struct resolve *r;
    char *path;
    int resolving;
    cy_task *child;
};

static cy_task *start_resume(cy_task *self);
static const cy_desc start_desc = {
    .name = "start_server", .resume = start_resume,
    .size = sizeof(struct start_frame),
};

static cy_task *start_new(cy_loop *loop, cy_handler_fn handler,
                          const char *host, int port, const char *path,
                          cy_server **out)
{
    if (!loop || !handler || port < 0 || port > 65535)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    struct start_frame *f = cy_alloc(sizeof *f);
    if (!f)
        return NULL;
    cy_task_init(&f->task, &start_desc, CY_F_HEAP);
    f->loop = loop;
    f->handler = handler;
    f->out = out;
    if (path ? !(f->path = strdup(path))
             : !(f->r = resolve_new(host, port, 1))) {
        free(f);
        return NULL;
    }
    return &f->task;
}

cy_task *cy_start_server(cy_loop *loop, cy_handler_fn handler,
                         const char *host, int port, cy_server **out)
{
    return start_new(loop, handler, host, port, NULL, out);
}

cy_task *cy_start_unix_server(cy_loop *loop, cy_handler_fn handler,
                              const char *path, cy_server **out)
{
    if (!path)
        return CY_EINVAL_TASK_; /* a bad argument: a task already failed */
    return start_new(loop, handler, NULL, 0, path, out);
}

static int listen_on(cy_server *srv, const struct sockaddr *sa,
                     socklen_t len, int family)
{
    int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    int one = 1;
    if (family != AF_UNIX)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    struct sockaddr_storage ss;
    memcpy(&ss, sa, len);
    if (srv->port && family == AF_INET)
        ((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)srv->port);
    else if (srv->port && family == AF_INET6)
        ((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)srv->port);
    if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 100)) {
        int err = -errno;
        close(fd);
        return err;
    }
    if (family != AF_UNIX && !srv->port) {
        socklen_t l = sizeof ss;
        if (getsockname(fd, (struct sockaddr *)&ss, &l) == 0)
            srv->port = ntohs(family == AF_INET
                                  ? ((struct sockaddr_in *)&ss)->sin_port
                                  : ((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    srv->lfd[srv->nl++] = fd;
    return 0;
}

static cy_task *start_done(struct start_frame *f, int err)
{
    cy_server *srv = NULL;
    if (!err && !(srv = calloc(1, sizeof *srv)))
        err = -ENOMEM;
    if (!err) {
        srv->loop = f->loop;
        srv->handler = f->handler;
        srv->serving = 1;
        cy_event_init(&srv->closed);
        cy_event_init(&srv->idle);
        if (f->path) {
            struct sockaddr_un un;
            memset(&un, 0, sizeof un);
            un.sun_family = AF_UNIX;
            if (strlen(f->path) >= sizeof un.sun_path) {
                err = -ENAMETOOLONG;
            } else {
                strcpy(un.sun_path, f->path);
                err = listen_on(srv, (struct sockaddr *)&un, sizeof un,
                                AF_UNIX);
                if (!err) {
                    srv->path = f->path;
                    f->path = NULL;
                }
            }
        } else {
            err = -EADDRNOTAVAIL;
            for (struct addrinfo *ai = f->r->res; ai && srv->nl < MAX_LISTEN;
                 ai = ai->ai_next) {
                int rc = listen_on(srv, ai->ai_addr, ai->ai_addrlen,
                                   ai->ai_family);
                if (rc == 0 || srv->nl == 0)
                    err = srv->nl ? 0 : rc;
            }
        }
        for (size_t i = 0; !err && i < srv->nl; i++) {
            struct accept_frame *a = cy_alloc(sizeof *a);
            if (!a) {
                err = -ENOMEM;
                break;
            }
            cy_task_init(&a->task, &accept_desc, CY_F_HEAP);
            a->srv = srv;
            a->idx = i;
            if (cy_spawn_(f->loop, &a->task)) {
                free(a);
                err = -ENOMEM;
                break;
            }
            srv->acceptor[i] = a;
        }
        if (err) {
            cy_server_free(srv);
            srv = NULL;
        }
    }
    resolve_free(f->r);
    f->r = NULL;
    free(f->path);
    f->path = NULL;
    if (err)
        return cy_frame_fail_(&f->task, err);
    if (f->out)
        *f->out = srv;
    else
        cy_server_free(srv);
    return &f->task;
}

static cy_task *start_resume(cy_task *self)
{
    struct start_frame *f = (struct start_frame *)self;
    int rc;
    switch (self->state) {
    case 0:
        if (f->path)
            return start_done(f, 0);
        rc = resolve_start(f->loop, f->r, &f->child);
        if (rc < 0)
            return start_done(f, rc);
        if (rc > 0)
            return start_done(f, 0);
        f->resolving = 1;
        self->state = 1;
        return f->child;
    case 1:
        f->resolving = 0;
        rc = child_err(f->child);
        f->child = NULL;
        return start_done(f, rc);
    case CY_STATE_CANCEL:
        if (!f->resolving)
            resolve_free(f->r);
        f->r = NULL;
        free(f->path);
        f->path = NULL;
        return self;
    default:
        return self;
    }
}

int cy_server_port(const cy_server *srv) { return srv ? srv->port : -1; }
void cy_server_set_data(cy_server *srv, void *data) { if (srv) srv->data = data; }
int cy_server_is_serving(const cy_server *srv) { return srv && srv->serving; }
size_t cy_server_connections(const cy_server *srv)
{
    return srv ? srv->nconns : 0;
}

int cy_server_close(cy_server *srv)
{
    if (!srv)
        return -EINVAL;
    if (!srv->serving)
        return 0;
    srv->serving = 0;
    for (size_t i = 0; i < srv->nl; i++) {
        struct accept_frame *a = srv->acceptor[i];
        if (a) {
            srv->acceptor[i] = NULL;
            a->srv = NULL;
            cy_task_cancel(&a->task); /* the loop frees it */
        }
        cy_io_forget_(srv->loop, srv->lfd[i]);
        close(srv->lfd[i]);
        srv->lfd[i] = -1;
    }
    if (srv->path)
        unlink(srv->path);
    cy_event_set(&srv->closed);
    if (!srv->nconns)
        cy_event_set(&srv->idle);
    return 0;
}

cy_task *cy_server_serve_forever(cy_server *srv)
{
    return srv ? cy_event_task_(srv->loop, &srv->closed) : NULL;
}

cy_task *cy_server_wait_closed(cy_server *srv)
{
    return srv ? cy_event_task_(srv->loop, &srv->idle) : NULL;
}

void cy_server_free(cy_server *srv)
{
    if (!srv)
        return;
    cy_server_close(srv);
    while (srv->conns) {
        struct conn_frame *c = srv->conns;
        cy_stream *s = c->s;
        conn_unlink(c); /* c->srv = NULL */
        if (c->task.status < CY_FINISHED)
            cy_task_cancel(&c->task); /* frees its stream; loop frees it */
        else if (s) {
            cy_stream_free(s);
            c->s = NULL;
        }
    }
    cy_event_destroy(&srv->closed);
    cy_event_destroy(&srv->idle);
    free(srv->path);
    free(srv);
}
