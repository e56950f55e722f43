// W3 spawn, C++20: create a task<int>, resume it three times (two
// co_await suspend_always, then co_return), read the value, destroy it.
#include "bench.h"
#include "coro.hpp"

static task<int> spawnee(int i)
{
    int a = i;
    co_await std::suspend_always{};
    a += i;
    co_await std::suspend_always{};
    co_return a + 1;
}

__attribute__((noinline)) static task<int> make(int i) { return spawnee(i); }

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 1000000);
    unsigned long long sum = 0;
    double t0 = bench_now_ns();
    for (int i = 0; i < n; i++) {
        task<int> t = make(i);
        while (!t.h.done())
            t.h.resume();
        sum += (unsigned long long)t.h.promise().value;
    }
    double t1 = bench_now_ns();
    bench_checksum(sum);
    bench_metric("spawn", (t1 - t0) / n, "ns/task");
    return 0;
}
