/*
 * 6-echo_client.cy - the article's part 6: the client of part 5 again,
 * with asyncio's streams.
 *
 *   @asyncio.coroutine
 *   def echo_client(message):
 *       reader, writer = yield from asyncio.open_connection('localhost', 1234)
 *       print("Envoi du message :", message)
 *       writer.write(message.encode())
 *       data = yield from reader.read(1024)
 *       print("Message reçu :", data.decode())
 *       writer.close()
 *
 *   >>> loop.run_until_complete(echo_client("Coucou!"))
 *   Envoi du message : Coucou!
 *   Message reçu : Coucou!
 *
 * open_connection resolves 'localhost' on the loop's thread pool and
 * gives one cy_stream, both reader and writer.  write() buffers (here the
 * socket takes it all at once), read(1024) awaits what comes.
 *
 * By hand: the server of the previous example (`5-echo_async server`),
 * then `6-echo_client` in another console.  `6-echo_client --test` (what
 * the test runs) runs that server (5-echo_async.cy's, with its polling
 * waits) on the same loop on an ephemeral port, ten times faster, and
 * cancels it once the client is done.  The client's console is stdout,
 * the server's stderr.
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

/* coroc's list of the runtime's type names predates the streams: the
 * typedef, repeated here (C11 allows it), makes the name known to it. */
typedef struct cy_stream cy_stream;

static coroutine void echo_client(cy_loop *loop, const char *message, int port)
{
    cy_stream *reader = NULL, *writer;
    defer cy_stream_free(reader);
    await cy_open_connection(loop, "localhost", port, &reader);
    writer = reader;

    printf("Envoi du message : %s\n", message);
    cy_stream_write(writer, message, strlen(message));

    char data[1024];
    size_t n;
    await cy_stream_read(reader, data, sizeof data, &n);
    printf("Message reçu : %.*s\n", (int)n, data);

    cy_stream_close(writer);
}

/* The test: the previous example's server and the client on one loop. */
static coroutine void both(cy_loop *loop, int sock, int port)
{
    cy_task *server = echo_server(loop, sock);
    defer cy_task_free(server); /* cancels it: its defer closes sock */
    if (!server || cy_loop_launch(loop, server))
        throw ENOMEM;
    await echo_client(loop, "Coucou!", port);
}

int main(int argc, char **argv)
{
    int test = argc > 1 && strcmp(argv[1], "--test") == 0;
    server_console = stderr;
    int port = 1234, sock = -1;
    if (test && (sock = listen_localhost(0, &port)) < 0) {
        perror("listen");
        return 1;
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
                      : echo_client(&loop, "Coucou!", port);
    int rc = t ? cy_loop_run_until_complete(&loop, t) : -ENOMEM;
    if (rc == 0 && cy_task_status(t) != CY_FINISHED) {
        fprintf(stderr, "error: %s\n", strerror(-cy_task_error(t)));
        rc = 1;
    }
    cy_task_free(t);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
