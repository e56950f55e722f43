/*
 * load.cy - `make soak`: a loopback echo load with clients killed at
 * random, checking bytes, order and file descriptors.
 *
 *   load run SECONDS CONNS WORKERS SEED   the test (the server process)
 *   load client PORT CONNS SECONDS SEED   one client process (run by it)
 *   load emfile MODE                      accept under EMFILE (MODE:
 *                                         backoff or spin), see below
 *
 * run: the server listens on 127.0.0.1 and echoes every connection with
 * one handler task each (sockets with cy_readable/cy_writable, as
 * examples/echo.cy).  WORKERS client processes hold CONNS connections
 * between them; every connection sends messages of random length whose
 * bytes are a function of (connection, offset) and checks that the echo
 * gives them back, all of them, in order (one in 50 without a pause
 * between messages, the others about one a second).  Once every
 * connection is open, a supervisor task kills a random client process
 * (SIGKILL: its connections die mid-message) every 0.5 to 2 s and starts
 * a new one in its place, until SECONDS have passed; the clients left
 * then close their connections and report.  The server then checks that
 * every handler ended, that it has the fds it had at the start, that all
 * CONNS were open at once, and prints one summary line.
 *
 * emfile: the server's RLIMIT_NOFILE is lowered to 64 and a client
 * process opens 300 connections, each waiting 0.3 s, then sending one
 * message and waiting for the echo.  accept fails with EMFILE while the server is full; the
 * listening socket stays readable (epoll is level-triggered), so a server
 * that retries at once spins.  MODE backoff sleeps 10 ms on EMFILE
 * (cy_sleep) and keeps serving the connections it has; MODE spin retries
 * at once.  Prints the EMFILE count and the CPU time per wall second.
 */
#define _GNU_SOURCE 1 /* close_range */
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------ helpers */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t xs(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* the byte at offset off of connection cid's stream */
static unsigned char pattern(uint64_t cid, uint64_t off)
{
    uint64_t x = (cid + 1) * 0x9E3779B97F4A7C15ULL ^ (off * 0xBF58476D1CE4E5B9ULL);
    return (unsigned char)(x >> 29 ^ x);
}

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n - 1; /* the directory's own fd */
}

static void raise_nofile(rlim_t want)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl))
        return;
    if (rl.rlim_max < want) {
        struct rlimit up = { want, want };
        if (setrlimit(RLIMIT_NOFILE, &up) == 0)
            return;
    }
    rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
    setrlimit(RLIMIT_NOFILE, &rl);
}

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

coroutine void send_all(cy_loop *loop, int fd, const unsigned char *buf,
                        size_t len)
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

/* ------------------------------------------------------------- server */

struct server {
    long accepted, handlers_live, peak, clean, reset, emfile;
    long long bytes;
    int lfd;
    int stop;          /* stop accepting */
    int backoff;       /* on EMFILE: sleep (1) or retry at once (0) */
    long max_accept;   /* stop after this many (0: no limit) */
};

static void handler_gone(struct server *sv) { sv->handlers_live--; }

coroutine void handle(cy_loop *loop, int fd, struct server *sv)
{
    defer handler_gone(sv);
    defer close(fd);
    unsigned char buf[4096];
    for (;;) {
        await cy_readable(loop, fd);
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0) {
            sv->clean++;
            break;
        }
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            sv->reset++; /* a killed client: ECONNRESET */
            break;
        }
        try {
            await send_all(loop, fd, buf, (size_t)n);
        } catch (int err) {
            (void)err; /* EPIPE, ECONNRESET: the client is gone */
            sv->reset++;
            break;
        }
        sv->bytes += n;
    }
}

coroutine void server(cy_loop *loop, struct server *sv)
{
    int ready = 0; /* accept until EAGAIN before waiting again */
    while (!sv->stop && (!sv->max_accept || sv->accepted < sv->max_accept)) {
        if (!ready)
            await cy_readable(loop, sv->lfd);
        ready = 1;
        int fd = accept(sv->lfd, NULL, NULL);
        if (fd < 0) {
            ready = 0;
            if (errno == EMFILE || errno == ENFILE) {
                sv->emfile++;
                if (sv->backoff)
                    await cy_sleep(loop, 0.01);
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED)
                continue;
            throw errno, "accept";
        }
        cy_task *h = NULL;
        if (set_nonblock(fd) == 0)
            h = handle(loop, fd, sv);
        if (!h || cy_loop_schedule(loop, h)) {
            close(fd);
            cy_task_free(h);
            throw ENOMEM, "handler";
        }
        sv->accepted++;
        if (++sv->handlers_live > sv->peak)
            sv->peak = sv->handlers_live;
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
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) || listen(fd, 4096) ||
        set_nonblock(fd) || getsockname(fd, (struct sockaddr *)&addr, &len)) {
        close(fd);
        return -1;
    }
    *port = ntohs(addr.sin_port);
    return fd;
}

/* ------------------------------------------------------------- client */

struct client {
    long connected, failed, closed_by_server, mismatches;
    long long verified;
    double deadline;
    uint64_t rng;
    int once;         /* emfile: one message per connection, then close */
};

coroutine void conn(cy_loop *loop, int port, uint64_t cid, struct client *c)
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
    c->connected++;
    if (c->once) /* emfile: hold the server's fd a while first */
        await cy_sleep(loop, 0.3);
    uint64_t sent = 0, got = 0;
    unsigned char out[2048], in[2048];
    while (now() < c->deadline) {
        size_t len = 1 + xs(&c->rng) % sizeof out;
        for (size_t i = 0; i < len; i++)
            out[i] = pattern(cid, sent + i);
        await send_all(loop, fd, out, len);
        sent += len;
        while (got < sent) {
            await cy_readable(loop, fd);
            ssize_t n = read(fd, in, sizeof in);
            if (n == 0)
                throw ECONNRESET, "server closed";
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    continue;
                throw errno, "read";
            }
            if (got + (uint64_t)n > sent) {
                c->mismatches++; /* more than was sent */
                throw EPROTO, "too many bytes";
            }
            for (ssize_t i = 0; i < n; i++)
                if (in[i] != pattern(cid, got + (uint64_t)i)) {
                    c->mismatches++;
                    throw EPROTO, "wrong byte";
                }
            got += (uint64_t)n;
            c->verified += n;
        }
        if (c->once)
            break;
        /* pace: about one message per connection per second, except one
         * connection in 50, which never pauses (so that kills find
         * messages in flight) */
        if (cid % 50)
            await cy_sleep(loop, (double)(xs(&c->rng) % 2000) / 1000.0);
        else
            yield;
    }
}

static void client_done(cy_loop *loop, cy_task *t, void *arg)
{
    (void)loop;
    struct client *c = arg;
    int e = cy_task_error(t);
    if (e == -ECONNRESET || e == -EPIPE)
        c->closed_by_server++;
    else if (e && e != -EPROTO)
        c->failed++;
}

/* the client process: CONNS connections until SECONDS from now; prints
 * one line, "connected failed closed mismatches verified" */
static int client_main(int port, long conns, double seconds, uint64_t seed,
                       int once)
{
    raise_nofile((rlim_t)conns + 64);
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 2;
    struct client c = { .deadline = now() + seconds, .rng = seed | 1,
                        .once = once };
    cy_loop_on_done(&loop, client_done, &c);
    for (long i = 0; i < conns; i++) {
        cy_task *t = conn(&loop, port, seed * 1000003u + (uint64_t)i, &c);
        if (!t || cy_loop_schedule(&loop, t)) {
            cy_task_free(t);
            return 2;
        }
    }
    int rc = cy_loop_run(&loop);
    cy_loop_close(&loop);
    printf("%ld %ld %ld %ld %lld\n", c.connected, c.failed, c.closed_by_server,
           c.mismatches, c.verified);
    fflush(stdout);
    return rc || c.mismatches ? 1 : 0;
}

/* ------------------------------------------------------ the supervisor */

struct worker {
    pid_t pid;     /* 0: none */
    int out;       /* read end of its stdout */
};

struct sup {
    struct worker *w;
    int nw;
    int port;
    long conns_each;
    double deadline;
    uint64_t rng;
    long started, killed, reported, bad_exits;
    double warm;      /* seconds until every connection was open, < 0: not yet */
    long connected, failed, closed_by_server, mismatches;
    long long verified;
};

static int spawn(struct sup *s, struct worker *w, double seconds, int once)
{
    int p[2];
    if (pipe(p))
        return -errno;
    char a_port[16], a_conns[24], a_secs[32], a_seed[24], a_once[4];
    snprintf(a_port, sizeof a_port, "%d", s->port);
    snprintf(a_conns, sizeof a_conns, "%ld", s->conns_each);
    snprintf(a_secs, sizeof a_secs, "%.3f", seconds);
    snprintf(a_seed, sizeof a_seed, "%llu", (unsigned long long)(xs(&s->rng) >> 20));
    snprintf(a_once, sizeof a_once, "%d", once);
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -errno;
    }
    if (pid == 0) {
        dup2(p[1], 1);
        close_range(3, ~0u, 0); /* none of the server's sockets */
        execl("/proc/self/exe", "load", "client", a_port, a_conns, a_secs,
              a_seed, a_once, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    w->pid = pid;
    w->out = p[0];
    s->started++;
    return 0;
}

/* collect an exited worker: its report, if it lived to write one */
static void reap(struct sup *s, struct worker *w, int status, int was_killed)
{
    char line[256];
    ssize_t n = read(w->out, line, sizeof line - 1);
    close(w->out);
    w->pid = 0;
    if (was_killed)
        return;
    long a, b, c, d;
    long long e;
    if (n > 0) {
        line[n] = '\0';
        if (sscanf(line, "%ld %ld %ld %ld %lld", &a, &b, &c, &d, &e) == 5) {
            s->reported++;
            s->connected += a;
            s->failed += b;
            s->closed_by_server += c;
            s->mismatches += d;
            s->verified += e;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        s->bad_exits++;
}

coroutine void supervise(cy_loop *loop, struct sup *s, struct server *sv)
{
    for (int i = 0; i < s->nw; i++)
        if (spawn(s, &s->w[i], s->deadline - now(), 0))
            throw EAGAIN, "fork";
    /* kills start once every connection is open (the warm-up) */
    double t_start = now(), next_kill = 0;
    long all = s->conns_each * s->nw;
    for (;;) {
        await cy_sleep(loop, 0.05);
        int alive = 0;
        for (int i = 0; i < s->nw; i++) {
            struct worker *w = &s->w[i];
            if (!w->pid)
                continue;
            int status;
            if (waitpid(w->pid, &status, WNOHANG) == w->pid)
                reap(s, w, status, 0);
            else
                alive++;
        }
        double t = now();
        if (s->warm < 0 && sv->handlers_live >= all) {
            s->warm = t - t_start;
            next_kill = t + 0.5 + (double)(xs(&s->rng) % 1500) / 1000.0;
        }
        if (s->warm >= 0 && t < s->deadline - 3 && t >= next_kill && alive) {
            /* kill one at random, start another in its place */
            int k = (int)(xs(&s->rng) % (uint64_t)s->nw);
            while (!s->w[k].pid)
                k = (k + 1) % s->nw;
            struct worker *w = &s->w[k];
            kill(w->pid, SIGKILL);
            int status;
            waitpid(w->pid, &status, 0);
            reap(s, w, status, 1);
            s->killed++;
            if (spawn(s, w, s->deadline - now(), 0))
                throw EAGAIN, "fork";
            next_kill = t + 0.5 + (double)(xs(&s->rng) % 1500) / 1000.0;
        }
        if (!alive && t >= s->deadline)
            break;
    }
    /* every client is gone: stop accepting, then wait for the handlers */
    sv->stop = 1;
    double limit = now() + 20;
    while (sv->handlers_live > 0 && now() < limit)
        await cy_sleep(loop, 0.05);
}

static int run_main(double seconds, long conns, int nworkers, uint64_t seed)
{
    raise_nofile((rlim_t)conns + 1024);
    signal(SIGPIPE, SIG_IGN);
    int fds0 = open_fds();
    struct server sv = { .backoff = 1 };
    int port;
    sv.lfd = listen_loopback(&port);
    if (sv.lfd < 0) {
        perror("listen");
        return 2;
    }
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 2;
    struct sup s = { .nw = nworkers, .port = port,
                     .conns_each = conns / nworkers, .deadline = now() + seconds,
                     .rng = seed | 1, .warm = -1 };
    s.w = calloc((size_t)nworkers, sizeof *s.w);
    if (!s.w)
        return 2;
    double t0 = now();
    cy_task *srv = server(&loop, &sv);
    cy_task *sup = supervise(&loop, &s, &sv);
    int rc = 2;
    if (srv && sup && cy_loop_launch(&loop, srv) == 0 &&
        cy_loop_run_until_complete(&loop, sup) == 0)
        rc = 0;
    int sup_ok = sup && cy_task_status(sup) == CY_FINISHED;
    cy_task_free(srv); /* cancels the accept loop */
    cy_task_free(sup);
    cy_loop_close(&loop);
    close(sv.lfd);
    double wall = now() - t0;
    int fds1 = open_fds();
    long expect_conn = s.reported * s.conns_each;
    int ok = rc == 0 && sup_ok && sv.handlers_live == 0 && fds1 == fds0 &&
             s.mismatches == 0 && s.bad_exits == 0 && s.failed == 0 &&
             s.connected == expect_conn && sv.peak >= s.conns_each * nworkers;
    char warm[48] = "never all open";
    if (s.warm >= 0)
        snprintf(warm, sizeof warm, "all open after %.1f s", s.warm);
    printf("soak load: %s: %ld connections (%d client processes, peak "
           "%ld open at once, %s), %.0f s; %ld clients killed and replaced, %ld connections "
           "accepted (%ld closed cleanly, %ld reset); %lld bytes echoed, "
           "%lld checked in order by the %ld clients that lived, %ld wrong; "
           "%ld failed; server fds %d -> %d; accept EMFILE %ld\n",
           ok ? "ok" : "FAILED", s.conns_each * nworkers, nworkers, sv.peak,
           warm, wall, s.killed, sv.accepted, sv.clean, sv.reset, sv.bytes, s.verified,
           s.reported, s.mismatches, s.failed + s.bad_exits, fds0, fds1,
           sv.emfile);
    free(s.w);
    return ok ? 0 : 1;
}

/* ------------------------------------------------------------- emfile */

static int emfile_main(int spin)
{
    signal(SIGPIPE, SIG_IGN);
    struct server sv = { .backoff = !spin, .max_accept = 300 };
    int port;
    sv.lfd = listen_loopback(&port);
    if (sv.lfd < 0)
        return 2;
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 2;
    struct sup s = { .nw = 1, .port = port, .conns_each = 300, .rng = 7 };
    struct worker w = { 0, -1 };
    s.w = &w;
    /* the client first, with the usual limit; then the server's goes down */
    if (spawn(&s, &w, 30, 1))
        return 2;
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    struct rlimit low = { 64, rl.rlim_max };
    setrlimit(RLIMIT_NOFILE, &low);
    double t0 = now(), c0 = cpu_seconds();
    cy_task *srv = server(&loop, &sv);
    int rc = srv ? cy_loop_run_until_complete(&loop, srv) : -ENOMEM;
    if (rc == 0)
        rc = cy_loop_run(&loop); /* the last handlers */
    double wall = now() - t0, cpu = cpu_seconds() - c0;
    int status;
    waitpid(w.pid, &status, 0);
    reap(&s, &w, status, 0);
    int ok = rc == 0 && cy_task_status(srv) == CY_FINISHED &&
             sv.accepted == 300 && s.mismatches == 0 && s.reported == 1;
    cy_task_free(srv);
    cy_loop_close(&loop);
    close(sv.lfd);
    printf("soak emfile (%s): %s: 300 connections through a server limited "
           "to 64 fds in %.2f s; accept failed with EMFILE %ld times; server "
           "CPU %.2f s (%.0f%% of the wall time); %lld bytes checked\n",
           spin ? "retry at once" : "back off 10 ms", ok ? "ok" : "FAILED",
           wall, sv.emfile, cpu, wall > 0 ? 100 * cpu / wall : 0.0, s.verified);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 7 && !strcmp(argv[1], "client"))
        return client_main(atoi(argv[2]), atol(argv[3]), atof(argv[4]),
                           strtoull(argv[5], NULL, 10), atoi(argv[6]));
    if (argc == 6 && !strcmp(argv[1], "run"))
        return run_main(atof(argv[2]), atol(argv[3]), atoi(argv[4]),
                        strtoull(argv[5], NULL, 10));
    if (argc == 3 && !strcmp(argv[1], "emfile"))
        return emfile_main(!strcmp(argv[2], "spin"));
    fprintf(stderr, "usage: load run SECONDS CONNS WORKERS SEED | "
                    "load emfile backoff|spin\n");
    return 2;
}
