/* A read handle the program holds, awaited (await h), stays the program's:
 * the next read has a frame of its own, and the program frees h1 itself,
 * before or after the stream (found by review: a frame kept for the
 * stream's next read was this one, still held). */
#include <stdio.h>
#include <unistd.h>

coroutine void prog(cy_loop *loop, int rfd, int mode)
{
    cy_stream *s = cy_stream_new(loop, rfd);
    char a[16] = "", b[16] = "";
    size_t g1 = 0, g2 = 0;
    cy_task *h1 = cy_stream_read(s, a, 4, &g1);
    await h1;                       /* h1 is still ours */
    printf("h1: %zu '%.4s' %s\n", g1, a, cy_status_name(cy_task_status(h1)));
    if (mode == 0) {
        cy_task *h2 = cy_stream_read(s, b, 4, &g2);
        printf("h1 == h2: %d\n", h1 == h2);
        cy_task_free(h1);           /* ours, done: frees h1 only */
        await h2;
        printf("h2: %zu '%.4s'\n", g2, b);
        cy_task_free(h2);
        cy_stream_free(s);
    } else {
        cy_stream_free(s);
        printf("h1 after the stream is freed: %s\n", cy_status_name(cy_task_status(h1)));
        cy_task_free(h1);
    }
}

int main(void)
{
    for (int mode = 0; mode < 2; mode++) {
        int p[2];
        if (pipe(p) || write(p[1], "abcdefgh", 8) != 8)
            return 1;
        cy_loop loop;
        cy_loop_init(&loop);
        cy_task *t = prog(&loop, p[0], mode);
        int rc = cy_loop_run_until_complete(&loop, t);
        printf("mode %d: rc %d %s\n", mode, rc, cy_status_name(cy_task_status(t)));
        cy_task_free(t);
        cy_loop_close(&loop);
        close(p[1]);
    }
    return 0;
}
