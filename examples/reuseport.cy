/*
 * reuseport.cy - one loop per thread: an echo server accepting on N loops.
 *
 * Each of NLOOPS threads runs a loop of its own with a listening socket of
 * its own, all bound to the same port of 127.0.0.1 with SO_REUSEPORT: the
 * kernel spreads the incoming connections over them, and each connection
 * is then served by a task of the loop that accepted it, on that loop's
 * thread (a stream: readline, write, drain).  Nothing is shared between
 * the loops but a counter under a mutex.  The main thread is the client:
 * it connects NCLIENTS times with plain blocking sockets, sends a line on
 * each and reads it back, then stops every loop with cy_loop_post (the
 * one call another thread may make on a loop, once it is shared) and joins
 * the threads.  Which loop got which connection is the kernel's choice, so
 * only the totals are printed.
 */
#define _DEFAULT_SOURCE /* SO_REUSEPORT, usleep */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct cy_stream cy_stream;

#define NLOOPS 2
#define NCLIENTS 8

struct shared {
    pthread_mutex_t mu;
    int served;    /* connections served, over all loops */
};

struct server {
    cy_loop loop;
    pthread_t thread;
    int lfd;
    struct shared *sh;
    int rc;
};

/* One connection: echo lines until the client closes. */
static coroutine void serve_one(cy_loop *loop, int fd, struct shared *sh)
{
    cy_stream *s = cy_stream_new(loop, fd);
    if (!s) {
        close(fd);
        throw ENOMEM, "stream";
    }
    defer cy_stream_free(s);
    char line[128];
    size_t n;
    for (;;) {
        await cy_stream_readline(s, line, sizeof line, &n);
        if (n == 0)
            break;
        cy_stream_write(s, line, n);
        await cy_stream_drain(s);
    }
    pthread_mutex_lock(&sh->mu);
    sh->served++;
    pthread_mutex_unlock(&sh->mu);
}

/* Accept forever on this loop's own socket. */
static coroutine void acceptor(cy_loop *loop, int lfd, struct shared *sh)
{
    for (;;) {
        await cy_readable(loop, lfd);
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0)
            continue; /* another loop took it, or EAGAIN */
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        cy_task *t = serve_one(loop, fd, sh);
        if (!t || cy_loop_schedule(loop, t)) {
            cy_task_free(t);
            close(fd);
        }
    }
}

static void stop(cy_loop *loop, void *arg)
{
    (void)arg;
    cy_loop_stop(loop);
}

static void *loop_thread(void *arg)
{
    struct server *sv = arg;
    cy_task *acc = acceptor(&sv->loop, sv->lfd, sv->sh);
    sv->rc = acc && cy_loop_launch(&sv->loop, acc) == 0
                 ? cy_loop_run_forever(&sv->loop) : -1;
    cy_loop_close(&sv->loop); /* cancels the acceptor and the handlers */
    cy_task_free(acc);
    return NULL;
}

/* A non-blocking socket on 127.0.0.1:port with SO_REUSEPORT (port 0: the
 * kernel picks one, stored back in *port). */
static int listen_shared(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)*port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) ||
        bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 64) ||
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) ||
        getsockname(fd, (struct sockaddr *)&a, &len)) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

static int client(int port, int i)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char out[64], back[64];
    int len = snprintf(out, sizeof out, "hello %d\n", i), got = 0;
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) ||
        write(fd, out, (size_t)len) != len) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    while (got < len) {
        ssize_t n = read(fd, back + got, sizeof back - (size_t)got);
        if (n <= 0)
            break;
        got += (int)n;
    }
    close(fd);
    return got == len && memcmp(out, back, (size_t)len) == 0 ? 0 : -1;
}

int main(void)
{
    struct shared sh = { PTHREAD_MUTEX_INITIALIZER, 0 };
    struct server sv[NLOOPS];
    int port = 0;
    for (int i = 0; i < NLOOPS; i++) {
        sv[i].sh = &sh;
        sv[i].lfd = listen_shared(&port);
        /* shared before another thread gets the loop */
        if (sv[i].lfd < 0 || cy_loop_init(&sv[i].loop) || cy_loop_share(&sv[i].loop)) {
            perror("listen");
            return 1;
        }
    }
    for (int i = 0; i < NLOOPS; i++)
        pthread_create(&sv[i].thread, NULL, loop_thread, &sv[i]);
    int ok = 0;
    for (int i = 0; i < NCLIENTS; i++)
        ok += client(port, i) == 0;
    /* the handlers count a connection once its client has closed: wait
     * for the last ones before stopping the loops */
    for (int tries = 0; tries < 2000; tries++) {
        pthread_mutex_lock(&sh.mu);
        int served = sh.served;
        pthread_mutex_unlock(&sh.mu);
        if (served == NCLIENTS)
            break;
        usleep(1000);
    }
    for (int i = 0; i < NLOOPS; i++)
        cy_loop_post(&sv[i].loop, stop, NULL);
    int rc = 0;
    for (int i = 0; i < NLOOPS; i++) {
        pthread_join(sv[i].thread, NULL);
        close(sv[i].lfd);
        rc |= sv[i].rc;
    }
    printf("%d loops, %d clients echoed, %d connections served\n", NLOOPS, ok,
           sh.served);
    return rc != 0 || ok != NCLIENTS;
}
