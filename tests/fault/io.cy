/*
 * io.cy - allocation failures around sockets: cy_readable and cy_writable
 * (their frames, the loop's fd table and epoll set) on a loopback TCP
 * server with its clients and on a socketpair.  Every failure must reach a
 * task as -ENOMEM (its peers may then see the connection close: -ECONNRESET
 * or -EPIPE, nothing else), with nothing left allocated and no fd left
 * open (tests/fault/fault.h).
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fault.h"

#define NCLIENTS 3

struct net {
    int accepted;
    int err;       /* an error of a task the loop owns (a handler) */
};

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

coroutine void send_all(cy_loop *loop, int fd, const char *buf, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(fd, buf + off, len - off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                throw errno, "send";
            await cy_writable(loop, fd);
            continue;
        }
        off += (size_t)n;
    }
}

/* read exactly len bytes */
coroutine void recv_all(cy_loop *loop, int fd, char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        await cy_readable(loop, fd);
        ssize_t n = read(fd, buf + got, len - got);
        if (n == 0)
            throw ECONNRESET, "closed";
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            throw errno, "read";
        }
        got += (size_t)n;
    }
}

coroutine void handle(cy_loop *loop, int fd)
{
    defer close(fd);
    char buf[64];
    for (;;) {
        await cy_readable(loop, fd);
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            throw errno, "read";
        }
        await send_all(loop, fd, buf, (size_t)n);
    }
}

coroutine void server(cy_loop *loop, int lfd, struct net *st)
{
    defer close(lfd);
    while (st->accepted < NCLIENTS) {
        await cy_readable(loop, lfd);
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            throw errno, "accept";
        }
        st->accepted++;
        cy_task *h = NULL;
        if (set_nonblock(fd) == 0)
            h = handle(loop, fd);
        int rc = h ? cy_loop_schedule(loop, h) : -ENOMEM;
        if (rc) {
            close(fd);
            cy_task_free(h);
            throw rc, "handler";
        }
    }
}

coroutine void client(cy_loop *loop, int port, int id)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        throw errno, "socket";
    defer close(fd);
    if (set_nonblock(fd))
        throw errno, "fcntl";
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        if (errno != EINPROGRESS)
            throw errno, "connect";
        await cy_writable(loop, fd);
        int err = 0;
        socklen_t elen = sizeof err;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) || err)
            throw err ? err : errno, "connect";
    }
    for (int i = 0; i < 3; i++) {
        char msg[32], back[32];
        int len = snprintf(msg, sizeof msg, "client %d line %d\n", id, i);
        await send_all(loop, fd, msg, (size_t)len);
        await recv_all(loop, fd, back, (size_t)len);
        if (memcmp(msg, back, (size_t)len))
            throw EPROTO, "echo differs";
    }
}

/* a socketpair: one side writes 4 KiB blocks until 64 KiB, the other
 * reads and checks them */
coroutine void pair_writer(cy_loop *loop, int fd)
{
    defer close(fd);
    char block[4096];
    for (int i = 0; i < 16; i++) {
        memset(block, 'a' + i, sizeof block);
        await send_all(loop, fd, block, sizeof block);
    }
}

coroutine void pair_reader(cy_loop *loop, int fd)
{
    defer close(fd);
    char block[4096];
    for (int i = 0; i < 16; i++) {
        await recv_all(loop, fd, block, sizeof block);
        for (size_t k = 0; k < sizeof block; k++)
            if (block[k] != 'a' + i)
                throw EPROTO, "pair data";
    }
}

static int listen_loopback(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) || listen(fd, 16) ||
        set_nonblock(fd) || getsockname(fd, (struct sockaddr *)&addr, &len)) {
        close(fd);
        return -1;
    }
    *port = ntohs(addr.sin_port);
    return fd;
}

static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static void on_done(cy_loop *loop, cy_task *t, void *arg)
{
    (void)loop;
    struct net *st = arg;
    if (cy_task_error(t) && !st->err)
        st->err = cy_task_error(t);
}

/* -ENOMEM if any task failed so, else any error other than what a peer
 * sees when the other side failed, else 0 */
static int outcome(cy_task *const *v, int n, int extra)
{
    int nomem = extra == -ENOMEM, other = 0;
    if (extra && extra != -ENOMEM && extra != -ECONNRESET && extra != -EPIPE)
        other = extra;
    for (int i = 0; i < n; i++) {
        int e = !v[i] ? -ENOMEM
              : cy_task_status(v[i]) == CY_FINISHED ? 0
              : cy_task_error(v[i]) ? cy_task_error(v[i]) : -EPROTO;
        if (e == -ENOMEM)
            nomem = 1;
        else if (e == -ECONNRESET || e == -EPIPE)
            other = other ? other : (extra || nomem ? 0 : e);
        else if (e)
            other = other ? other : e;
    }
    if (nomem)
        return -ENOMEM;
    if (other)
        return other;
    /* a peer's error with no cause */
    for (int i = 0; i < n; i++)
        if (v[i] && cy_task_status(v[i]) != CY_FINISHED)
            return cy_task_error(v[i]) ? cy_task_error(v[i]) : -EPROTO;
    return extra;
}

static int io(void)
{
    int fds = open_fds();
    int port, sv[2];
    int lfd = listen_loopback(&port);
    if (lfd < 0)
        return -EPROTO;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || set_nonblock(sv[0]) ||
        set_nonblock(sv[1])) {
        close(lfd);
        return -EPROTO;
    }
    cy_loop loop;
    int rc = cy_loop_init(&loop);
    if (rc) {
        close(lfd);
        close(sv[0]);
        close(sv[1]);
        return rc;
    }
    struct net st = { 0, 0 };
    cy_loop_on_done(&loop, on_done, &st);
    cy_task *v[NCLIENTS + 3];
    int n = 0;
    v[n++] = server(&loop, lfd, &st);
    if (!v[0])
        close(lfd);
    for (int i = 0; i < NCLIENTS; i++)
        v[n++] = client(&loop, port, i);
    v[n++] = pair_writer(&loop, sv[0]);
    if (!v[n - 1])
        close(sv[0]);
    v[n++] = pair_reader(&loop, sv[1]);
    if (!v[n - 1])
        close(sv[1]);
    int missing = 0;
    for (int i = 0; i < n; i++)
        missing |= !v[i];
    if (missing) {
        /* a task freed before its first step runs no defer: close what
         * the made ones were given (the missing ones' fds are closed) */
        for (int i = 0; i < n; i++)
            cy_task_free(v[i]);
        cy_loop_close(&loop);
        if (v[0])
            close(lfd);
        if (v[n - 2])
            close(sv[0]);
        if (v[n - 1])
            close(sv[1]);
        rc = -ENOMEM;
    } else {
        rc = cy_loop_wait(&loop, v, (size_t)n);
        /* then the handlers the loop owns, which own their fd only once
         * started: each ends when its client has closed */
        if (rc == 0)
            rc = cy_loop_run(&loop);
        if (rc == 0)
            rc = outcome(v, n, st.err);
        for (int i = 0; i < n; i++)
            cy_task_free(v[i]);
        cy_loop_close(&loop);
    }
    if (open_fds() != fds)
        return -EMFILE; /* an fd leaked */
    return rc;
}

int main(void)
{
    return fault_drive("io", io, 10);
}
