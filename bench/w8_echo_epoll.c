/*
 * w8_echo_epoll.c - W8's echo server as a hand-written epoll loop: one
 * thread, level-triggered, each connection registered once (EPOLLIN) for
 * its whole life; what a full socket does not take is kept in a buffer of
 * the connection and written on EPOLLOUT.  Listens on 127.0.0.1, port 0
 * (printed as "port N"), until killed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

struct pending {        /* unsent bytes of one connection */
    size_t len, cap;
    char *buf;
};

static struct pending *pend;  /* indexed by fd */
static size_t npend;

static int keep(int fd, const char *p, size_t n)
{
    if ((size_t)fd >= npend) {
        size_t m = npend ? npend : 1024;
        while (m <= (size_t)fd)
            m *= 2;
        struct pending *a = realloc(pend, m * sizeof *a);
        if (!a)
            return -1;
        memset(a + npend, 0, (m - npend) * sizeof *a);
        pend = a;
        npend = m;
    }
    struct pending *q = &pend[fd];
    if (q->len + n > q->cap) {
        size_t c = q->cap ? q->cap : 4096;
        while (c < q->len + n)
            c *= 2;
        char *b = realloc(q->buf, c);
        if (!b)
            return -1;
        q->buf = b;
        q->cap = c;
    }
    memcpy(q->buf + q->len, p, n);
    q->len += n;
    return 0;
}

static void drop(int ep, int fd)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    if ((size_t)fd < npend) {
        free(pend[fd].buf);
        memset(&pend[fd], 0, sizeof pend[fd]);
    }
}

/* Write the pending bytes of fd; 1 when some are left. */
static int flush(int fd)
{
    struct pending *q = &pend[fd];
    size_t off = 0;
    while (off < q->len) {
        ssize_t w = write(fd, q->buf + off, q->len - off);
        if (w < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return -1;
        }
        off += (size_t)w;
    }
    memmove(q->buf, q->buf + off, q->len - off);
    q->len -= off;
    return q->len > 0;
}

int main(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof a) || listen(lfd, 100) ||
        getsockname(lfd, (struct sockaddr *)&a, &alen)) {
        perror("listen");
        return 1;
    }
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = lfd };
    if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev)) {
        perror("epoll");
        return 1;
    }
    printf("port %d\n", ntohs(a.sin_port));
    fflush(stdout);
    static char buf[65536];
    struct epoll_event evs[256];
    for (;;) {
        int n = epoll_wait(ep, evs, 256, -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("epoll_wait");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == lfd) {
                int c;
                while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event ce = { .events = EPOLLIN, .data.fd = c };
                    if (epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce))
                        close(c);
                }
                continue;
            }
            if (evs[i].events & EPOLLOUT) {
                int r = flush(fd);
                if (r < 0) {
                    drop(ep, fd);
                    continue;
                }
                if (r == 0) {
                    struct epoll_event ce = { .events = EPOLLIN, .data.fd = fd };
                    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ce);
                }
                if (!(evs[i].events & EPOLLIN))
                    continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                    continue;
                drop(ep, fd);
                continue;
            }
            int queued = (size_t)fd < npend && pend[fd].len > 0;
            ssize_t w = queued ? 0 : write(fd, buf, (size_t)r);
            if (w < 0) {
                if (errno != EAGAIN && errno != EWOULDBLOCK) {
                    drop(ep, fd);
                    continue;
                }
                w = 0;
            }
            if (w < r) {
                if (keep(fd, buf + w, (size_t)(r - w))) {
                    drop(ep, fd);
                    continue;
                }
                if (!queued) {
                    struct epoll_event ce = { .events = EPOLLIN | EPOLLOUT,
                                              .data.fd = fd };
                    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ce);
                }
            }
        }
    }
}
