// W5 await, C++20: task<int> fib(n) co_awaits two child tasks; awaits use
// symmetric transfer (await_suspend returns the child's handle, the child's
// final_suspend returns the parent's), so the recursion does not grow the
// C++ stack.
#include "bench.h"
#include "coro.hpp"

static task<int> fib(int n)
{
    if (n < 2)
        co_return n;
    int a = co_await fib(n - 1);
    int b = co_await fib(n - 2);
    co_return a + b;
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 27);
    unsigned long long f0 = 0, f1 = 1;
    for (int i = 0; i < n; i++) {
        unsigned long long f2 = f0 + f1;
        f0 = f1;
        f1 = f2;
    }
    double calls = 2.0 * (double)f1 - 1.0;
    double t0 = bench_now_ns();
    int r;
    {
        task<int> t = fib(n);
        t.h.resume();
        if (!t.h.done())
            return 1;
        r = t.h.promise().value;
    }
    double t1 = bench_now_ns();
    bench_checksum((unsigned long long)r);
    bench_metric("await", (t1 - t0) / calls, "ns/call");
    return 0;
}
