/* A drain handle the program holds, awaited and freed: with nothing to
 * wait for, drain is a shared done task, which the await must not write
 * (found by review: the generated code cleared its adopted flag, in
 * read-only memory); the same for the failed task of a bad argument. */
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

coroutine void prog(cy_loop *loop, int fd)
{
    cy_stream *s = cy_stream_new(loop, fd);
    cy_stream_write(s, "hi", 2);
    cy_task *d = cy_stream_drain(s);
    await d;
    printf("drained: %s\n", cy_status_name(cy_task_status(d)));
    cy_task_free(d);
    cy_task *bad = cy_stream_read(NULL, NULL, 0, NULL);
    try {
        await bad;
    } catch (int e) {
        printf("bad read: %d\n", e);
    }
    cy_task_free(bad);
    cy_stream_free(s);
}

int main(void)
{
    int p[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, p))
        return 1;
    cy_loop loop;
    cy_loop_init(&loop);
    cy_task *t = prog(&loop, p[0]);
    int rc = cy_loop_run_until_complete(&loop, t);
    printf("rc %d %s\n", rc, cy_status_name(cy_task_status(t)));
    cy_task_free(t);
    cy_loop_close(&loop);
    close(p[1]);
    return 0;
}
