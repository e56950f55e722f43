/* W3 spawn, coroc with a frame pool: as w3_spawn.cy, but each frame comes
 * from a cy_pool (spawnee__in) and goes back to it (cy_pool_free): frames
 * are recycled instead of malloc'ed and freed.
 * Figure: ns per task, everything included (allocation too). */
#include "bench.h"

coroutine int spawnee(int i)
{
    int a = i;
    yield;
    a += i;
    yield;
    return a + 1;
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 1000000);
    unsigned long long sum = 0;
    cy_pool pool;
    cy_pool_init(&pool, sizeof(struct spawnee__frame));
    double t0 = bench_now_ns();
    for (int i = 0; i < n; i++) {
        cy_task *t = spawnee__in(&pool, i);
        if (!t)
            return 1;
        while (cy_task_step(t) > 0)
            ;
        sum += (unsigned long long)CY_RESULT(t, int);
        cy_pool_free(&pool, t);
    }
    double t1 = bench_now_ns();
    cy_pool_destroy(&pool);
    bench_checksum(sum);
    bench_metric("spawn", (t1 - t0) / n, "ns/task");
    return 0;
}
