/*
 * 5-echo_async.cy - the article's part 5, continued: the echo server
 * rewritten with asyncio, one task per connection; the five clients of
 * 5-echo_sync.cy now take 1 s instead of 5.
 *
 *   @asyncio.coroutine
 *   def serve_echo(conn, host):
 *       yield from wait_readable(conn)
 *       msg = conn.recv(4096)
 *       print("message reçu de {!r}: {}".format(host, msg.decode()))
 *       yield from asyncio.sleep(1)
 *       yield from wait_writable(conn)
 *       conn.send(msg)
 *       conn.close()
 *
 *   @asyncio.coroutine
 *   def echo_server():
 *       sock = socket()
 *       sock.bind(('localhost', 1234))
 *       sock.listen(5)
 *       try:
 *           while True:
 *               yield from wait_readable(sock)
 *               conn, host = sock.accept()
 *               asyncio.async(serve_echo(conn, host))
 *       finally:
 *           sock.close()
 *
 * (wait_readable, wait_writable, echo and echo_client as in
 * 5-echo_sync.cy.)  By hand: `5-echo_async server` (port 1234, until
 * Ctrl-C) and `5-echo_async client` in another console, which prints
 * "temps total: 0:00:01.0...".
 *
 * `5-echo_async --test` (what the test runs) runs the server and the
 * clients on one loop, on an ephemeral port, ten times faster, and prints
 * the total without its microseconds; once the clients are done the
 * server task is cancelled, which runs its `finally` (the defer that
 * closes the socket).  The client's console is stdout, the server's
 * stderr.  asyncio.async (today's ensure_future) is cy_loop_schedule: the
 * loop owns each serve_echo task.
 */
#define _POSIX_C_SOURCE 200809L /* nanosleep, kill */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static FILE *server_console;

/* socket(); sock.bind(('localhost', port)); sock.listen(5) */
static int listen_localhost(int port, int *bound)
{
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0)
        return -1;
    int one = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET,
                                .sin_port = htons((uint16_t)port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof addr;
    if (bind(sock, (struct sockaddr *)&addr, sizeof addr) ||
        listen(sock, 5) ||
        getsockname(sock, (struct sockaddr *)&addr, &len)) {
        close(sock);
        return -1;
    }
    *bound = ntohs(addr.sin_port);
    return sock;
}


static int ready(int fd, int write)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    struct timeval zero = { 0, 0 };
    return select(fd + 1, write ? NULL : &set, write ? &set : NULL, NULL,
                  &zero) > 0;
}

/* The article's waits: poll without blocking, yield until ready. */
static coroutine int wait_readable(int stream)
{
    while (!ready(stream, 0))
        yield;
    return stream;
}

static coroutine int wait_writable(int stream)
{
    while (!ready(stream, 1))
        yield;
    return stream;
}

static coroutine void echo(int port, const char *msg)
{
    /* sock = socket(); sock.connect(('localhost', port)) */
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0)
        throw errno, "socket";
    defer close(sock);
    struct sockaddr_in addr = { .sin_family = AF_INET,
                                .sin_port = htons((uint16_t)port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (connect(sock, (struct sockaddr *)&addr, sizeof addr))
        throw errno, "connect";

    await wait_writable(sock);
    printf("Envoi du message '%s'\n", msg);
    send(sock, msg, strlen(msg), MSG_NOSIGNAL);

    await wait_readable(sock);
    char data[4096];
    ssize_t n = recv(sock, data, sizeof data, 0);
    printf("Message reçu: %.*s\n", n > 0 ? (int)n : 0, data);
}

/* print(label, timedelta): H:MM:SS.ffffff, no fraction when whole */
static void print_timedelta(const char *label, double seconds)
{
    long long us = llround(seconds * 1e6);
    long long s = us / 1000000;
    printf("%s %lld:%02lld:%02lld", label, s / 3600, s / 60 % 60, s % 60);
    if (us % 1000000)
        printf(".%06lld", us % 1000000);
    printf("\n");
}

static coroutine void echo_client(cy_loop *loop, int port, int whole_seconds)
{
    double start = cy_loop_time(loop);
    static const char *const msgs[5] = { "Hello 0", "Hello 1", "Hello 2",
                                         "Hello 3", "Hello 4" };
    cy_task *tasks[5];
    for (int num = 0; num < 5; num++)
        tasks[num] = echo(port, msgs[num]);
    defer { for (int i = 0; i < 5; i++) cy_task_free(tasks[i]); }
    for (int num = 0; num < 5; num++)
        if (!tasks[num])
            throw ENOMEM;
    await cy_wait(loop, tasks, 5, -1, CY_ALL_COMPLETED);
    double total = cy_loop_time(loop) - start;
    print_timedelta("temps total:", whole_seconds ? floor(total) : total);
}

static coroutine void serve_echo(cy_loop *loop, int conn, struct sockaddr_in host)
{
    defer close(conn);
    await wait_readable(conn);
    char msg[4096];
    ssize_t n = recv(conn, msg, sizeof msg, 0);
    if (n < 0)
        n = 0;
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &host.sin_addr, ip, sizeof ip);
    fprintf(server_console, "message reçu de ('%s', %d): %.*s\n", ip,
            ntohs(host.sin_port), (int)n, msg);
    await cy_sleep(loop, 1);

    await wait_writable(conn);
    send(conn, msg, (size_t)n, MSG_NOSIGNAL);
}

static coroutine void echo_server(cy_loop *loop, int sock)
{
    defer close(sock); /* finally: sock.close() */
    for (;;) {
        await wait_readable(sock);
        struct sockaddr_in host;
        socklen_t len = sizeof host;
        int conn = accept(sock, (struct sockaddr *)&host, &len);
        if (conn < 0)
            continue;
        cy_task *t = serve_echo(loop, conn, host);
        if (!t || cy_loop_schedule(loop, t)) {
            cy_task_free(t);
            close(conn);
        }
    }
}

/* The test: the server and the clients on one loop. */
static coroutine void both(cy_loop *loop, int sock, int port)
{
    cy_task *server = echo_server(loop, sock);
    defer cy_task_free(server); /* cancels it: its defer closes sock */
    if (!server || cy_loop_launch(loop, server))
        throw ENOMEM;
    await echo_client(loop, port, 1);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    int test = strcmp(mode, "--test") == 0;
    if (!test && strcmp(mode, "server") && strcmp(mode, "client")) {
        fprintf(stderr, "usage: %s server|client|--test\n", argv[0]);
        return 2;
    }
    server_console = test ? stderr : stdout;
    int port = 1234, sock = -1;
    if (strcmp(mode, "client")) {
        sock = listen_localhost(test ? 0 : 1234, &port);
        if (sock < 0) {
            perror("listen");
            return 1;
        }
    }
    cy_loop loop;
    if (cy_loop_init(&loop)) {
        if (sock >= 0)
            close(sock);
        return 1;
    }
    if (test)
        cy_loop_set_time_scale(&loop, 0.1);
    cy_task *t = test ? both(&loop, sock, port)
               : sock >= 0 ? echo_server(&loop, sock)
               : echo_client(&loop, port, 0);
    int rc = t ? cy_loop_run_until_complete(&loop, t) : -ENOMEM;
    if (rc == 0 && cy_task_status(t) != CY_FINISHED) {
        fprintf(stderr, "error: %s\n", strerror(-cy_task_error(t)));
        rc = 1;
    }
    cy_task_free(t);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
