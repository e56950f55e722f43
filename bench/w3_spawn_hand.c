/* W3 spawn, hand-written C: malloc a frame, resume it three times through
 * its function pointer, read the result, free it. */
#include "bench.h"

struct frame;
typedef int (*resume_fn)(struct frame *); /* 1 = yielded, 0 = done */

struct frame {
    resume_fn resume;
    int state;
    int i, a;
    int result;
};

static int spawnee_resume(struct frame *f)
{
    switch (f->state) {
    case 0:
        f->a = f->i;
        f->state = 1;
        return 1;
    case 1:
        f->a += f->i;
        f->state = 2;
        return 1;
    default:
        f->result = f->a + 1;
        return 0;
    }
}

static struct frame *spawnee(int i)
{
    struct frame *f = malloc(sizeof *f);
    if (!f)
        return NULL;
    f->resume = spawnee_resume;
    f->state = 0;
    f->i = i;
    return f;
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 1000000);
    unsigned long long sum = 0;
    double t0 = bench_now_ns();
    for (int i = 0; i < n; i++) {
        struct frame *f = spawnee(i);
        if (!f)
            return 1;
        while (f->resume(f))
            ;
        sum += (unsigned long long)f->result;
        free(f);
    }
    double t1 = bench_now_ns();
    bench_checksum(sum);
    bench_metric("spawn", (t1 - t0) / n, "ns/task");
    return 0;
}
