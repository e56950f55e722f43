// W1 switch, C++20: a generator<int>; the driver resumes it through its
// coroutine_handle (an indirect call through the frame's resume pointer).
// The factory is noinline so that no compiler can elide the frame (HALO)
// and inline the body into the driver loop.
#include "bench.h"
#include "coro.hpp"

static generator<int> gen(int n)
{
    for (int i = 0; i < n; i++)
        co_yield i;
}

__attribute__((noinline)) static generator<int> make_gen(int n) { return gen(n); }

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 20000000);
    unsigned long long sum = 0;
    generator<int> g = make_gen(n);
    double t0 = bench_now_ns();
    for (;;) {
        g.h.resume();
        if (g.h.done())
            break;
        sum += (unsigned long long)g.h.promise().value;
    }
    double t1 = bench_now_ns();
    bench_checksum(sum);
    bench_metric("switch", (t1 - t0) / n, "ns/switch");
    return 0;
}
