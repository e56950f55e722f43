/* W4 memory, coroc with a frame pool: as w4_memory.cy, but the frames come
 * from a cy_pool (hold__in), which puts no header before each frame.
 * N tasks suspended at once, each holding three ints and a
 * pointer across its yield (the ints loaded from memory before it).
 * Figure: bytes per task = (peak RSS - RSS before creating the tasks) / N,
 * so frame, allocator and runtime overhead are all counted; the input array
 * and the driver's array of task handles exist before the baseline. */
#include "bench.h"

coroutine int hold(const int *p)
{
    int a = p[0];
    int b = p[1];
    int c = p[2];
    yield;
    return a + 2 * b + 3 * c + p[0];
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 1000000);
    int *data = malloc((size_t)(n + 2) * sizeof *data);
    cy_task **tasks = malloc((size_t)n * sizeof *tasks);
    unsigned long long sum = 0;
    if (!data || !tasks)
        return 1;
    for (long i = 0; i < n + 2; i++)
        data[i] = (int)i;
    memset(tasks, 0xff, (size_t)n * sizeof *tasks);
    cy_pool pool;
    cy_pool_init(&pool, sizeof(struct hold__frame));
    long base = bench_status_kib("VmRSS");
    for (long i = 0; i < n; i++) {
        tasks[i] = hold__in(&pool, &data[i]);
        if (!tasks[i] || cy_task_step(tasks[i]) != 1)
            return 1;
    }
    long peak = bench_status_kib("VmHWM");
    for (long i = 0; i < n; i++) {
        if (cy_task_step(tasks[i]) != 0)
            return 1;
        sum += (unsigned long long)CY_RESULT(tasks[i], int);
        cy_pool_free(&pool, tasks[i]);
    }
    cy_pool_destroy(&pool);
    bench_checksum(sum);
    bench_metric("memory", (double)(peak - base) * 1024.0 / (double)n,
                 "B/task");
    free(tasks);
    free(data);
    return 0;
}
