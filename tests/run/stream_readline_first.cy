/* readline as a stream's first read: nothing buffered yet, no buffer (no
 * offset from NULL under UBSan; found by review) */
#include <stdio.h>
#include <unistd.h>

coroutine void prog(cy_loop *loop, int fd)
{
    cy_stream *s = cy_stream_new(loop, fd);
    char buf[64];
    size_t got = 0;
    await cy_stream_readline(s, buf, sizeof buf, &got);
    printf("got %zu: %.*s", got, (int)got, buf);
    cy_stream_free(s);
}

int main(void)
{
    int p[2];
    if (pipe(p) || write(p[1], "hello\n", 6) != 6) return 1;
    cy_loop loop;
    cy_loop_init(&loop);
    cy_task *t = prog(&loop, p[0]);
    cy_loop_run_until_complete(&loop, t);
    cy_task_free(t);
    cy_loop_close(&loop);
    close(p[1]);
    return 0;
}
