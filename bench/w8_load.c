/*
 * w8_load.c - W8's load generator, shared by every echo server.
 *
 *   w8_load PORT SERVER_PID CONNS MODE SECONDS [MSGSIZE [DEPTH]]
 *
 * Opens CONNS connections to 127.0.0.1:PORT (64 at a time, each checked
 * with one echoed message, so that no listen backlog overflows), then
 * drives them all from one epoll loop for 0.2 s of warm-up and SECONDS of
 * measurement:
 *   MODE pp    ping-pong: one message of MSGSIZE bytes (64) in flight per
 *              connection; the next is sent once the echo is back;
 *   MODE pipe  pipelined: DEPTH (16) messages in flight per connection.
 * Every byte that comes back is checked against what was sent (a pattern
 * of the connection, the message and the byte), so a server that drops,
 * reorders or invents data fails the run.  Latency is from the write of a
 * message to the arrival of its last echoed byte.  The server's CPU time
 * is read from /proc/SERVER_PID/task/<tid>/schedstat (nanoseconds on CPU,
 * every thread), its memory from /proc/SERVER_PID/status: VmRSS before the
 * first connection, VmHWM after the last message.  Output (bench.h):
 *   metric msgs <messages per second> msg/s
 *   metric p50 / p99 <latency> us
 *   metric cpu <server CPU time per message> ns/msg
 *   metric rss <(VmHWM - VmRSS before) / CONNS> B/conn
 * Sockets are closed with SO_LINGER 0 (a reset: no TIME_WAIT, so that
 * repeated runs of 10 000 connections do not exhaust the ports).
 */
#include "bench.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
    int fd;
    uint64_t tx, rx;     /* bytes sent / received so far */
    uint64_t tx_goal;    /* bytes that should have been sent */
    int want_out;        /* EPOLLOUT armed (a short write) */
    double *sent_at;     /* send time of each message in flight (ring) */
};

static size_t msgsize = 64, depth = 1;

/* Byte k of message m of connection c is (c * 31 + m * 7 + k) mod 256:
 * ramp[i] = i mod 256 gives a run of them with one memcpy or memcmp. */
static unsigned char *ramp;

/* The longest run of pattern bytes at stream offset off (at most n, not
 * past the message's end): returns its length, *p its first byte. */
static size_t run_at(size_t c, uint64_t off, size_t n, const unsigned char **p)
{
    uint64_t m = off / msgsize, k = off % msgsize;
    size_t left = (size_t)(msgsize - k);
    *p = ramp + (size_t)((c * 31u + m * 7u + k) & 0xff);
    return n < left ? n : left;
}

static void die(const char *what)
{
    fprintf(stderr, "w8_load: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* Write what is due; arm EPOLLOUT when the socket is full. */
static void flush(int ep, struct conn *cs, size_t c)
{
    struct conn *x = &cs[c];
    unsigned char buf[4096];
    while (x->tx < x->tx_goal) {
        size_t n = (size_t)(x->tx_goal - x->tx);
        if (n > sizeof buf)
            n = sizeof buf;
        for (size_t i = 0; i < n;) {
            const unsigned char *p;
            size_t k = run_at(c, x->tx + i, n - i, &p);
            memcpy(buf + i, p, k);
            i += k;
        }
        ssize_t w = write(x->fd, buf, n);
        if (w < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            die("write");
        }
        x->tx += (uint64_t)w;
    }
    int want = x->tx < x->tx_goal;
    if (want != x->want_out) {
        struct epoll_event ev = { .events = EPOLLIN | (want ? EPOLLOUT : 0),
                                  .data.u64 = c };
        if (epoll_ctl(ep, EPOLL_CTL_MOD, x->fd, &ev))
            die("epoll_ctl");
        x->want_out = want;
    }
}

/* Queue message number m of connection c. */
static void send_msg(int ep, struct conn *cs, size_t c, double now)
{
    struct conn *x = &cs[c];
    uint64_t m = x->tx_goal / msgsize;
    x->sent_at[m % depth] = now;
    x->tx_goal += msgsize;
    flush(ep, cs, c);
}

static double *lat;
static size_t nlat, caplat;

static void record(double us)
{
    if (nlat == caplat) {
        caplat = caplat ? caplat * 2 : 1 << 16;
        lat = realloc(lat, caplat * sizeof *lat);
        if (!lat)
            die("realloc");
    }
    lat[nlat++] = us;
}

/* Read what came back on c, check it, count whole messages; returns the
 * number of messages completed.  measuring: record their latencies. */
static size_t drain_in(int ep, struct conn *cs, size_t c, double now,
                       int measuring, int refill)
{
    struct conn *x = &cs[c];
    unsigned char buf[8192];
    size_t done = 0;
    for (;;) {
        ssize_t n = read(x->fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            die("read");
        }
        if (n == 0) {
            fprintf(stderr, "w8_load: the server closed connection %zu\n", c);
            exit(1);
        }
        for (size_t i = 0; i < (size_t)n;) {
            const unsigned char *p;
            size_t k = run_at(c, x->rx + i, (size_t)n - i, &p);
            if (memcmp(buf + i, p, k)) {
                fprintf(stderr, "w8_load: wrong bytes on connection %zu near %llu\n",
                        c, (unsigned long long)(x->rx + i));
                exit(1);
            }
            i += k;
        }
        uint64_t before = x->rx / msgsize;
        x->rx += (uint64_t)n;
        if (x->rx > x->tx) {
            fprintf(stderr, "w8_load: more bytes back than sent on %zu\n", c);
            exit(1);
        }
        for (uint64_t m = before; m < x->rx / msgsize; m++) {
            if (measuring)
                record((now - x->sent_at[m % depth]) / 1000.0);
            done++;
            if (refill)
                send_msg(ep, cs, c, now);
        }
        if ((size_t)n < sizeof buf)
            break;
    }
    return done;
}

/* CPU time of every thread of pid, in ns. */
static double server_cpu_ns(long pid)
{
    char path[96];
    snprintf(path, sizeof path, "/proc/%ld/task", pid);
    DIR *d = opendir(path);
    double sum = 0;
    struct dirent *e;
    if (!d)
        die("opendir /proc/PID/task");
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p2[160];
        snprintf(p2, sizeof p2, "/proc/%ld/task/%.20s/schedstat", pid, e->d_name);
        FILE *f = fopen(p2, "r");
        unsigned long long ns = 0;
        if (f) {
            if (fscanf(f, "%llu", &ns) == 1)
                sum += (double)ns;
            fclose(f);
        }
    }
    closedir(d);
    return sum;
}

static long server_kib(long pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    FILE *f = fopen(path, "r");
    long v = -1;
    size_t n = strlen(field);
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':') {
            v = strtol(line + n + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int connect_one(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        die("socket");
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a))
        die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct linger lg = { 1, 0 };
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK))
        die("fcntl");
    return fd;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: w8_load PORT SERVER_PID CONNS pp|pipe SECONDS "
                        "[MSGSIZE [DEPTH]]\n");
        return 2;
    }
    int port = atoi(argv[1]);
    long pid = atol(argv[2]);
    size_t nconn = (size_t)atol(argv[3]);
    int pipelined = strcmp(argv[4], "pipe") == 0;
    double secs = atof(argv[5]);
    if (argc > 6)
        msgsize = (size_t)atol(argv[6]);
    depth = pipelined ? (argc > 7 ? (size_t)atol(argv[7]) : 16) : 1;
    if (port <= 0 || pid <= 0 || nconn == 0 || secs <= 0 || msgsize == 0 ||
        depth == 0) {
        fprintf(stderr, "w8_load: bad arguments\n");
        return 2;
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    ramp = malloc(256 + msgsize);
    for (size_t i = 0; ramp && i < 256 + msgsize; i++)
        ramp[i] = (unsigned char)i;
    struct conn *cs = calloc(nconn, sizeof *cs);
    double *times = calloc(nconn * depth, sizeof *times);
    int ep = epoll_create1(0);
    if (!ramp || !cs || !times || ep < 0)
        die("setup");
    long rss0 = server_kib(pid, "VmRSS");

    /* connect, 64 at a time, each checked with one message */
    for (size_t base = 0; base < nconn; base += 64) {
        size_t end = base + 64 < nconn ? base + 64 : nconn;
        for (size_t c = base; c < end; c++) {
            cs[c].fd = connect_one(port);
            cs[c].sent_at = times + c * depth;
            struct epoll_event ev = { .events = EPOLLIN, .data.u64 = c };
            if (epoll_ctl(ep, EPOLL_CTL_ADD, cs[c].fd, &ev))
                die("epoll_ctl");
            send_msg(ep, cs, c, bench_now_ns());
        }
        size_t back = 0;
        struct epoll_event evs[64];
        while (back < end - base) {
            int n = epoll_wait(ep, evs, 64, 10000);
            if (n <= 0) {
                fprintf(stderr, "w8_load: no echo within 10 s while connecting\n");
                return 1;
            }
            for (int i = 0; i < n; i++) {
                size_t c = (size_t)evs[i].data.u64;
                if (evs[i].events & EPOLLOUT)
                    flush(ep, cs, c);
                if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                    back += drain_in(ep, cs, c, bench_now_ns(), 0, 0);
            }
        }
    }

    /* fill the pipes, then run: warm-up, measurement */
    double now = bench_now_ns();
    for (size_t c = 0; c < nconn; c++)
        for (size_t k = 0; k < depth; k++)
            send_msg(ep, cs, c, now);
    size_t evcap = nconn < 1024 ? nconn : 1024;
    struct epoll_event *evs = malloc(evcap * sizeof *evs);
    if (!evs)
        die("malloc");
    double t_start = now + 0.2e9, t_end = t_start + secs * 1e9;
    double cpu0 = -1;
    size_t msgs = 0;
    for (;;) {
        now = bench_now_ns();
        int measuring = now >= t_start;
        if (measuring && cpu0 < 0) {
            cpu0 = server_cpu_ns(pid);
            t_start = bench_now_ns();
            t_end = t_start + secs * 1e9;
        }
        if (now >= t_end)
            break;
        /* a loaded machine may leave a server of 10 000 connections off
         * the CPU for a while: only 10 s without any echo is a stall */
        int n = epoll_wait(ep, evs, (int)evcap, 10000);
        if (n < 0 && errno != EINTR)
            die("epoll_wait");
        if (n == 0) {
            fprintf(stderr, "w8_load: the server stalled (no echo for 10 s)\n");
            return 1;
        }
        now = bench_now_ns();
        for (int i = 0; i < n; i++) {
            size_t c = (size_t)evs[i].data.u64;
            if (evs[i].events & EPOLLOUT)
                flush(ep, cs, c);
            if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                size_t k = drain_in(ep, cs, c, now, cpu0 >= 0, 1);
                if (cpu0 >= 0)
                    msgs += k;
            }
        }
    }
    double t_stop = bench_now_ns();
    double cpu1 = server_cpu_ns(pid);
    long hwm = server_kib(pid, "VmHWM");
    for (size_t c = 0; c < nconn; c++)
        close(cs[c].fd);
    if (msgs == 0 || nlat == 0) {
        fprintf(stderr, "w8_load: no message measured\n");
        return 1;
    }
    qsort(lat, nlat, sizeof *lat, cmp_double);
    double el = (t_stop - t_start) / 1e9;
    bench_metric("msgs", (double)msgs / el, "msg/s");
    bench_metric("p50", lat[nlat / 2], "us");
    bench_metric("p99", lat[(size_t)((double)nlat * 0.99)], "us");
    bench_metric("cpu", (cpu1 - cpu0) / (double)msgs, "ns/msg");
    bench_metric("rss", rss0 < 0 || hwm < 0 ? 0.0
                        : (double)(hwm - rss0) * 1024.0 / (double)nconn,
                 "B/conn");
    free(evs);
    free(times);
    free(cs);
    free(lat);
    free(ramp);
    close(ep);
    return 0;
}
