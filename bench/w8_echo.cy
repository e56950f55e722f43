/*
 * w8_echo.cy - W8's echo server in coroc: cy_start_server runs one task
 * per connection on the runtime's streams; each reads up to 4096 bytes,
 * writes them back and drains, as the asyncio version does.  Listens on
 * 127.0.0.1, port 0 (printed as "port N"), until killed.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/socket.h>

typedef struct cy_stream cy_stream;
typedef struct cy_server cy_server;

coroutine void handle(cy_stream *reader, cy_stream *writer)
{
    int one = 1;
    setsockopt(cy_stream_fd(writer), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char buf[4096];
    for (;;) {
        size_t n;
        await cy_stream_read(reader, buf, sizeof buf, &n);
        if (n == 0)
            break;
        cy_stream_write(writer, buf, n);
        await cy_stream_drain(writer);
    }
}

coroutine void serve(cy_loop *loop)
{
    cy_server *srv = NULL;
    await cy_start_server(loop, handle, "127.0.0.1", 0, &srv);
    printf("port %d\n", cy_server_port(srv));
    fflush(stdout);
    await cy_server_serve_forever(srv);
}

int main(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    cy_task *t = serve(&loop);
    if (!t || cy_loop_run_until_complete(&loop, t)) {
        fprintf(stderr, "w8_echo: the server failed (%d)\n", t ? cy_task_error(t) : 0);
        return 1;
    }
    return 0;
}
