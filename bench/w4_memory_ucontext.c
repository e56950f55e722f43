/* W4 memory, stackful (ucontext): each task is a context on its own
 * malloc'ed stack (BENCH_UCTX_STACK bytes, default 16 KiB); the memory that
 * counts is the ucontext_t, the allocator header and the stack pages the
 * task touched.  Run with a smaller N than the stackless versions. */
#include "bench.h"
#include <ucontext.h>

struct utask {
    ucontext_t ctx;
    const int *p;
    int result;
    int done;
    void *stack;
};

static ucontext_t main_ctx;
static struct utask *current;

static void hold_body(void)
{
    struct utask *me = current;
    const int *p = me->p;
    int a = p[0];
    int b = p[1];
    int c = p[2];
    swapcontext(&me->ctx, &main_ctx); /* yield */
    me->result = a + 2 * b + 3 * c + p[0];
    me->done = 1;
    /* returning goes to uc_link (main_ctx) */
}

__attribute__((noinline)) static int step(struct utask *t)
{
    current = t;
    swapcontext(&main_ctx, &t->ctx);
    return !t->done;
}

/* getcontext returns twice: keep it away from locals that change. */
__attribute__((noinline)) static void init_task(struct utask *const t,
                                                const int *p, size_t stack)
{
    getcontext(&t->ctx);
    t->ctx.uc_stack.ss_sp = t->stack;
    t->ctx.uc_stack.ss_size = stack;
    t->ctx.uc_link = &main_ctx;
    t->p = p;
    t->done = 0;
    makecontext(&t->ctx, hold_body, 0);
}

static struct utask *make_task(const int *p, size_t stack)
{
    struct utask *t = malloc(sizeof *t);
    if (!t || !(t->stack = malloc(stack))) {
        free(t);
        return NULL;
    }
    init_task(t, p, stack);
    return t;
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 100000);
    const char *ss = getenv("BENCH_UCTX_STACK");
    size_t stack = ss ? (size_t)strtoul(ss, NULL, 10) : 16384;
    int *data = malloc((size_t)(n + 2) * sizeof *data);
    struct utask **tasks = malloc((size_t)n * sizeof *tasks);
    unsigned long long sum = 0;
    if (!data || !tasks)
        return 1;
    for (long i = 0; i < n + 2; i++)
        data[i] = (int)i;
    memset(tasks, 0xff, (size_t)n * sizeof *tasks);
    long base = bench_status_kib("VmRSS");
    for (long i = 0; i < n; i++) {
        struct utask *t = make_task(&data[i], stack);
        if (!t)
            return 1;
        tasks[i] = t;
        if (step(t) != 1)
            return 1;
    }
    long peak = bench_status_kib("VmHWM");
    for (long i = 0; i < n; i++) {
        if (step(tasks[i]) != 0)
            return 1;
        sum += (unsigned long long)tasks[i]->result;
        free(tasks[i]->stack);
        free(tasks[i]);
    }
    bench_checksum(sum);
    bench_metric("memory", (double)(peak - base) * 1024.0 / (double)n,
                 "B/task");
    free(tasks);
    free(data);
    return 0;
}
