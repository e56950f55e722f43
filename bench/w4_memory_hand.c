/* W4 memory, hand-written C: the smallest honest frame, a state word, the
 * three ints and the pointer, malloc'ed one by one. */
#include "bench.h"

struct frame {
    int state;
    int a, b, c;
    const int *p;
};

__attribute__((noinline)) static int hold_resume(struct frame *f, int *result)
{
    switch (f->state) {
    case 0:
        f->a = f->p[0];
        f->b = f->p[1];
        f->c = f->p[2];
        f->state = 1;
        return 1;
    default:
        *result = f->a + 2 * f->b + 3 * f->c + f->p[0];
        return 0;
    }
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 1000000);
    int *data = malloc((size_t)(n + 2) * sizeof *data);
    struct frame **tasks = malloc((size_t)n * sizeof *tasks);
    unsigned long long sum = 0;
    if (!data || !tasks)
        return 1;
    for (long i = 0; i < n + 2; i++)
        data[i] = (int)i;
    memset(tasks, 0xff, (size_t)n * sizeof *tasks);
    long base = bench_status_kib("VmRSS");
    for (long i = 0; i < n; i++) {
        struct frame *f = malloc(sizeof *f);
        int r;
        if (!f)
            return 1;
        f->state = 0;
        f->p = &data[i];
        tasks[i] = f;
        if (hold_resume(f, &r) != 1)
            return 1;
    }
    long peak = bench_status_kib("VmHWM");
    for (long i = 0; i < n; i++) {
        int r = 0;
        if (hold_resume(tasks[i], &r) != 0)
            return 1;
        sum += (unsigned long long)r;
        free(tasks[i]);
    }
    bench_checksum(sum);
    bench_metric("memory", (double)(peak - base) * 1024.0 / (double)n,
                 "B/task");
    free(tasks);
    free(data);
    return 0;
}
