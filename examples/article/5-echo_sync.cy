/*
 * 5-echo_sync.cy - the article's part 5: a synchronous echo server (one
 * second per message) and five concurrent clients, which take 5 s since
 * the server answers them one after the other.
 *
 *   def echo_server():                      # synchronous
 *       sock = socket()
 *       sock.bind(('localhost', 1234))
 *       sock.listen(5)
 *       try:
 *           while True:
 *               conn, host = sock.accept()
 *               msg = conn.recv(4096)
 *               print("message reçu de {!r}: {}".format(host, msg.decode()))
 *               sleep(1)
 *               conn.send(msg)
 *               conn.close()
 *       finally:
 *           sock.close()
 *
 *   def wait_readable(stream):               # and wait_writable
 *       while True:
 *           rlist, _, _ = select([stream], [], [], 0)
 *           if rlist:
 *               return stream
 *           yield
 *
 *   @asyncio.coroutine
 *   def echo(msg):
 *       sock = socket()
 *       sock.connect(('localhost', 1234))
 *       yield from wait_writable(sock)
 *       print("Envoi du message {!r}".format(msg))
 *       sock.send(msg.encode())
 *       yield from wait_readable(sock)
 *       data = sock.recv(4096)
 *       print("Message reçu:", data.decode())
 *       sock.close()
 *
 *   @asyncio.coroutine
 *   def echo_client():
 *       start = datetime.now()
 *       tasks = [echo("Hello {}".format(num)) for num in range(5)]
 *       yield from asyncio.wait(tasks)
 *       print("temps total:", datetime.now() - start)
 *
 * By hand, in two consoles: `5-echo_sync server` (port 1234, until
 * Ctrl-C), then `5-echo_sync client` (prints "temps total: 0:00:05.0...").
 *
 * `5-echo_sync --test` (what the test runs) does both in one process: the
 * synchronous server runs on a worker thread of the loop's pool
 * (cy_to_thread), on an ephemeral port, serving the five connections;
 * the clients run on the loop.  Time runs 10 times faster (the server
 * sleeps 100 ms, the loop's unit is 100 ms) and the total is printed
 * without its microseconds (0:00:05), so that the output does not depend
 * on the machine's speed.
 * The client's console is stdout, the server's stderr (its lines hold the
 * clients' ephemeral ports).  Like the article's wait_readable, the waits
 * poll with select() and yield: the tasks spin while they wait.
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
static double time_scale = 1.0; /* seconds per second of the article */

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

static void sleep_seconds(double s)
{
    s *= time_scale;
    struct timespec ts = { (time_t)s, (long)((s - floor(s)) * 1e9) };
    while (nanosleep(&ts, &ts) && errno == EINTR)
        ;
}

/* The synchronous server: serves `count` connections (-1: forever). */
struct server_args {
    int sock;
    int count;
};

static int echo_server(void *arg)
{
    struct server_args *a = arg;
    int sock = a->sock;
    while (a->count != 0) {
        struct sockaddr_in host;
        socklen_t len = sizeof host;
        int conn = accept(sock, (struct sockaddr *)&host, &len);
        if (conn < 0)
            break;
        char msg[4096];
        ssize_t n = recv(conn, msg, sizeof msg, 0);
        if (n < 0)
            n = 0;
        char ip[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &host.sin_addr, ip, sizeof ip);
        fprintf(server_console, "message reçu de ('%s', %d): %.*s\n", ip,
                ntohs(host.sin_port), (int)n, msg);
        fflush(server_console);
        sleep_seconds(1);
        send(conn, msg, (size_t)n, MSG_NOSIGNAL);
        close(conn);
        if (a->count > 0)
            a->count--;
    }
    close(sock); /* finally: sock.close() */
    return 0;
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

/* The test: the server on a worker thread, the clients on the loop. */
static coroutine void both(cy_loop *loop, struct server_args *srv, int port)
{
    cy_task *server = cy_to_thread(loop, echo_server, srv);
    cy_task *client = echo_client(loop, port, 1);
    defer { cy_task_free(server); cy_task_free(client); }
    cy_task *all[2] = { server, client };
    if (!server || !client)
        throw ENOMEM;
    await cy_gather(loop, all, 2);
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
    int port = 1234;
    struct server_args srv = { -1, test ? 5 : -1 };
    if (strcmp(mode, "client")) {
        srv.sock = listen_localhost(test ? 0 : 1234, &port);
        if (srv.sock < 0) {
            perror("listen");
            return 1;
        }
        if (!test)
            return echo_server(&srv);
    }
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    if (test) {
        time_scale = 0.1;
        cy_loop_set_time_scale(&loop, time_scale);
    }
    cy_task *t = test ? both(&loop, &srv, port) : echo_client(&loop, port, 0);
    int rc = t ? cy_loop_run_until_complete(&loop, t) : -ENOMEM;
    if (rc == 0 && cy_task_status(t) != CY_FINISHED) {
        fprintf(stderr, "error: %s\n", strerror(-cy_task_error(t)));
        rc = 1;
    }
    cy_task_free(t);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
