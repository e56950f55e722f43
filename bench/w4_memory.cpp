// W4 memory, C++20: N task<int> suspended at once, each holding three ints
// and a pointer across a co_await suspend_always.
#include "bench.h"
#include "coro.hpp"
#include <vector>

static task<int> hold(const int *p)
{
    int a = p[0];
    int b = p[1];
    int c = p[2];
    co_await std::suspend_always{};
    co_return a + 2 * b + 3 * c + p[0];
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 1000000);
    std::vector<int> data((size_t)n + 2);
    for (long i = 0; i < n + 2; i++)
        data[(size_t)i] = (int)i;
    std::vector<std::coroutine_handle<task<int>::promise_type>> tasks((size_t)n);
    // touch the handle array before the baseline (non-zero, so that no
    // allocator can hand back untouched zero pages)
    memset(static_cast<void *>(tasks.data()), 0xff, tasks.size() * sizeof tasks[0]);
    unsigned long long sum = 0;
    long base = bench_status_kib("VmRSS");
    for (long i = 0; i < n; i++) {
        task<int> t = hold(&data[(size_t)i]);
        tasks[(size_t)i] = std::exchange(t.h, {});
        tasks[(size_t)i].resume();
    }
    long peak = bench_status_kib("VmHWM");
    for (long i = 0; i < n; i++) {
        auto h = tasks[(size_t)i];
        h.resume();
        if (!h.done())
            return 1;
        sum += (unsigned long long)h.promise().value;
        h.destroy();
    }
    bench_checksum(sum);
    bench_metric("memory", (double)(peak - base) * 1024.0 / (double)n, "B/task");
    return 0;
}
