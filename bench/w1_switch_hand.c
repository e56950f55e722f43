/* W1 switch, hand-written C: a malloc'ed frame (state + locals + the
 * yielded value), a switch-based resume function kept out of line
 * (noinline), driven exactly like the coroc version. */
#include "bench.h"

struct gen {
    int state;
    int n, i;
    int value; /* last yielded */
};

/* 1 = suspended with a value, 0 = finished */
__attribute__((noinline)) static int gen_resume(struct gen *g)
{
    switch (g->state) {
    case 0:
        for (g->i = 0; g->i < g->n; g->i++) {
            g->value = g->i;
            g->state = 1;
            return 1;
    case 1:;
        }
    }
    g->state = 2;
    return 0;
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 20000000);
    unsigned long long sum = 0;
    struct gen *g = malloc(sizeof *g);
    if (!g)
        return 1;
    g->state = 0;
    g->n = n;
    double t0 = bench_now_ns();
    while (gen_resume(g))
        sum += (unsigned long long)g->value;
    double t1 = bench_now_ns();
    free(g);
    bench_checksum(sum);
    bench_metric("switch", (t1 - t0) / n, "ns/switch");
    return 0;
}
