/*
 * 6-echo_server.cy - the article's part 6: an echo server written with
 * asyncio's streams.
 *
 *   @asyncio.coroutine
 *   def handle_echo(reader, writer):
 *       data = yield from reader.read(1024)
 *       print("Message reçu :", data.decode())
 *       yield from asyncio.sleep(1)
 *       writer.write(data)
 *       yield from writer.drain()
 *       writer.close()
 *
 *   def echo_server():
 *       loop = asyncio.get_event_loop()
 *       server = loop.run_until_complete(
 *           asyncio.start_server(handle_echo, 'localhost', 1234))
 *       try:
 *           loop.run_forever()
 *       except KeyboardInterrupt:
 *           pass
 *       server.close()
 *       loop.run_until_complete(server.wait_closed())
 *       loop.close()
 *
 * By hand, `6-echo_server` serves on localhost:1234 until Ctrl-C, on the
 * real clock; try it with `6-echo_client client` in another console.
 * Ctrl-C is SIGINT, which a signal handler turns into loop.stop(): that
 * is the article's `except KeyboardInterrupt: pass`.
 *
 * `6-echo_server --test` (what the test runs) serves on an ephemeral
 * port and runs, in the same process, the article's echo_client("Coucou!")
 * (6-echo_client.cy) against it on a virtual clock; once the reply is in,
 * the client sends the process a SIGINT, the Ctrl-C.  The client's
 * console is stdout, the server's is stderr.
 */
#define _POSIX_C_SOURCE 200809L /* nanosleep, kill */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* coroc's list of the runtime's type names predates the streams: the
 * typedef, repeated here (C11 allows it), makes the name known to it. */
typedef struct cy_stream cy_stream;

static FILE *server_console;

static coroutine void handle_echo(cy_stream *reader, cy_stream *writer)
{
    char data[1024];
    size_t n;
    await cy_stream_read(reader, data, sizeof data, &n);
    fprintf(server_console, "Message reçu : %.*s\n", (int)n, data);
    await cy_sleep(cy_stream_loop(writer), 1);
    cy_stream_write(writer, data, n);
    await cy_stream_drain(writer);
    cy_stream_close(writer);
}

/* The client of 6-echo_client.cy, then Ctrl-C. */
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
    kill(getpid(), SIGINT); /* Ctrl-C */
}

static int echo_server(int test)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    if (test)
        cy_loop_set_virtual_time(&loop, 1);
    int rc = 1;
    cy_server *server = NULL;
    cy_task *start = cy_start_server(&loop, handle_echo, "localhost",
                                     test ? 0 : 1234, &server);
    cy_task *client = NULL;
    if (start && cy_loop_run_until_complete(&loop, start) == 0 && server) {
        /* try: loop.run_forever() except KeyboardInterrupt: pass */
        cy_loop_add_signal_handler(&loop, SIGINT, cy_signal_stop, NULL);
        if (test) {
            client = echo_client(&loop, "Coucou!", cy_server_port(server));
            cy_loop_launch(&loop, client);
        }
        if (cy_loop_run_forever(&loop) == 0) {
            cy_server_close(server);
            cy_task *closed = cy_server_wait_closed(server);
            if (cy_loop_run_until_complete(&loop, closed) == 0)
                rc = 0;
            cy_task_free(closed);
        }
    } else if (start) {
        fprintf(stderr, "start_server: %s\n", strerror(-cy_task_error(start)));
    }
    if (client && cy_task_status(client) != CY_FINISHED)
        rc = 1;
    cy_task_free(client);
    cy_task_free(start);
    cy_server_free(server);
    cy_loop_close(&loop);
    return rc;
}

int main(int argc, char **argv)
{
    int test = argc > 1 && strcmp(argv[1], "--test") == 0;
    server_console = test ? stderr : stdout;
    return echo_server(test);
}
