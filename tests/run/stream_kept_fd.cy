/* A stream's fd stays armed in the loop's epoll set between waits
 * (level-triggered): data that comes while nobody reads is read later,
 * the loop does not stop on it while other tasks run, and once the stream
 * has closed the fd, a new fd with the same number waited for with
 * cy_readable is woken as any other. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct cy_stream cy_stream;

coroutine void spin(int n, int *steps)
{
    for (int i = 0; i < n; i++) {
        (*steps)++;
        yield;
    }
}

coroutine void reader(cy_loop *loop, int fd, int peer, int *steps)
{
    cy_stream *s = cy_stream_new(loop, fd);
    if (!s)
        throw ENOMEM, "stream";
    char buf[16];
    size_t n;
    write(peer, "one", 3);
    await cy_stream_read(s, buf, sizeof buf, &n);
    printf("read %.*s\n", (int)n, buf);
    /* data while nobody reads, and 50 rounds of another task */
    write(peer, "two", 3);
    cy_task *t = spin(50, steps);
    if (!t || cy_loop_schedule(loop, t))
        throw ENOMEM, "spin";
    await cy_sleep(loop, 0.01);
    await cy_stream_read(s, buf, sizeof buf, &n);
    printf("read %.*s after %d steps of another task\n", (int)n, buf, *steps);
    cy_stream_free(s); /* closes fd */
}

coroutine void raw_wait(cy_loop *loop, int fd, int peer)
{
    write(peer, "three", 5);
    await cy_readable(loop, fd);
    char buf[16];
    ssize_t n = read(fd, buf, sizeof buf);
    printf("raw read %.*s\n", (int)n, buf);
}

int main(void)
{
    int sv[2], sv2[2], steps = 0;
    cy_loop loop;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || cy_loop_init(&loop))
        return 1;
    cy_loop_set_virtual_time(&loop, 1);
    int old = sv[0];
    cy_task *r = reader(&loop, sv[0], sv[1], &steps);
    if (!r || cy_loop_run_until_complete(&loop, r) || cy_task_status(r) != CY_FINISHED)
        return 1;
    cy_task_free(r);
    /* the stream closed sv[0]: the next socket gets its number */
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv2))
        return 1;
    printf("fd number reused: %s\n", sv2[0] == old ? "yes" : "no");
    cy_task *w = raw_wait(&loop, sv2[0], sv2[1]);
    if (!w || cy_loop_run_until_complete(&loop, w) || cy_task_status(w) != CY_FINISHED)
        return 1;
    cy_task_free(w);
    cy_loop_close(&loop);
    close(sv[1]);
    close(sv2[0]);
    close(sv2[1]);
    return 0;
}
