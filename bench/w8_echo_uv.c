/*
 * w8_echo_uv.c - W8's echo server with libuv (Debian libuv1-dev): one
 * uv_tcp_t per connection with a 4096-byte read buffer of its own; each
 * read is written back with uv_try_write, and what the socket does not
 * take goes out with uv_write from a copy.  Listens on 127.0.0.1, port 0
 * (printed as "port N"), until killed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <uv.h>

struct conn {
    uv_tcp_t tcp;
    char buf[4096];
};

struct wreq {
    uv_write_t req;
    char data[];
};

static void on_close(uv_handle_t *h)
{
    free(h->data);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *b)
{
    struct conn *c = h->data;
    (void)suggested;
    *b = uv_buf_init(c->buf, sizeof c->buf);
}

static void on_written(uv_write_t *req, int status)
{
    if (status)
        uv_close((uv_handle_t *)req->handle, on_close);
    free(req);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
    if (n < 0) {
        uv_close((uv_handle_t *)s, on_close);
        return;
    }
    if (n == 0)
        return;
    uv_buf_t out = uv_buf_init(b->base, (unsigned)n);
    int w = uv_try_write(s, &out, 1);
    if (w == n)
        return;
    if (w < 0) {
        if (w != UV_EAGAIN) {
            uv_close((uv_handle_t *)s, on_close);
            return;
        }
        w = 0;
    }
    size_t left = (size_t)(n - w);
    struct wreq *r = malloc(sizeof *r + left);
    if (!r) {
        uv_close((uv_handle_t *)s, on_close);
        return;
    }
    memcpy(r->data, b->base + w, left);
    uv_buf_t rest = uv_buf_init(r->data, (unsigned)left);
    if (uv_write(&r->req, s, &rest, 1, on_written)) {
        free(r);
        uv_close((uv_handle_t *)s, on_close);
    }
}

static void on_connection(uv_stream_t *server, int status)
{
    if (status < 0)
        return;
    struct conn *c = malloc(sizeof *c);
    if (!c)
        return;
    uv_tcp_init(server->loop, &c->tcp);
    c->tcp.data = c;
    if (uv_accept(server, (uv_stream_t *)&c->tcp) == 0) {
        uv_tcp_nodelay(&c->tcp, 1);
        uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
    } else {
        uv_close((uv_handle_t *)&c->tcp, on_close);
    }
}

int main(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    uv_loop_t *loop = uv_default_loop();
    uv_tcp_t server;
    struct sockaddr_in a;
    uv_tcp_init(loop, &server);
    uv_ip4_addr("127.0.0.1", 0, &a);
    int alen = sizeof a;
    if (uv_tcp_bind(&server, (const struct sockaddr *)&a, 0) ||
        uv_listen((uv_stream_t *)&server, 100, on_connection) ||
        uv_tcp_getsockname(&server, (struct sockaddr *)&a, &alen)) {
        fprintf(stderr, "w8_echo_uv: cannot listen\n");
        return 1;
    }
    printf("port %d\n", ntohs(a.sin_port));
    fflush(stdout);
    return uv_run(loop, UV_RUN_DEFAULT);
}
