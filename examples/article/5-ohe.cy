/*
 * 5-ohe.cy - the article's part 5: the synchronous echo server of
 * 5-echo_sync.cy, tried from a Python console.
 *
 *   >>> sock = socket.socket()
 *   >>> sock.connect(('localhost', 1234))
 *   >>> sock.send("Ohé !".encode())
 *   6
 *   >>> data = sock.recv(1024)
 *   >>> data.decode()
 *   'Ohé !'
 *
 * and the server prints: message reçu de ('127.0.0.1', 40568): Ohé !
 *
 * By hand: `5-echo_sync server` in one console, `5-ohe` in another (the
 * console's session, printing what the Python console echoes).
 *
 * `5-ohe --test` (what the test runs) runs the server of 5-echo_sync.cy,
 * for one connection, on a worker thread of the loop (cy_to_thread) on an
 * ephemeral port, ten times faster, while the session runs on the loop's
 * thread with the same blocking calls as the console.  The console's
 * output is stdout, the server's stderr (it holds the client's ephemeral
 * port).  "Ohé !" is 6 bytes in UTF-8: send returns 6.
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

/* The console's session: plain blocking calls, as in the console. */
static int session(int port)
{
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0)
        return -errno;
    struct sockaddr_in addr = { .sin_family = AF_INET,
                                .sin_port = htons((uint16_t)port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (connect(sock, (struct sockaddr *)&addr, sizeof addr)) {
        int err = -errno;
        close(sock);
        return err;
    }
    const char *text = "Ohé !";
    printf("%zd\n", send(sock, text, strlen(text), MSG_NOSIGNAL));
    char data[1024];
    ssize_t n = recv(sock, data, sizeof data, 0);
    printf("'%.*s'\n", n > 0 ? (int)n : 0, data);
    close(sock);
    return 0;
}

static coroutine void console(int port)
{
    int rc = session(port);
    if (rc < 0)
        throw rc, "session";
}

/* The test: the server on a worker thread (launched first, so that its
 * job is queued before the session blocks in recv), the session on the
 * loop's thread. */
static coroutine void both(cy_loop *loop, struct server_args *srv, int port)
{
    cy_task *server = cy_to_thread(loop, echo_server, srv);
    cy_task *client = console(port);
    defer { cy_task_free(server); cy_task_free(client); }
    cy_task *all[2] = { server, client };
    if (!server || !client)
        throw ENOMEM;
    await cy_gather(loop, all, 2);
}

int main(int argc, char **argv)
{
    int test = argc > 1 && strcmp(argv[1], "--test") == 0;
    server_console = stderr;
    if (!test)
        return session(1234) ? 1 : 0;
    int port;
    struct server_args srv = { listen_localhost(0, &port), 1 };
    if (srv.sock < 0) {
        perror("listen");
        return 1;
    }
    cy_loop loop;
    if (cy_loop_init(&loop)) {
        close(srv.sock);
        return 1;
    }
    time_scale = 0.1;
    cy_task *t = both(&loop, &srv, port);
    int rc = t ? cy_loop_run_until_complete(&loop, t) : -ENOMEM;
    if (rc == 0 && cy_task_status(t) != CY_FINISHED) {
        fprintf(stderr, "error: %s\n", strerror(-cy_task_error(t)));
        rc = 1;
    }
    cy_task_free(t);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
