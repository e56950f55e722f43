// W2 loop, C++20: `job` coroutines suspended with co_await suspend_always,
// a FIFO ring of coroutine_handles (like cy_loop's), destroy when done.
#include "bench.h"
#include "coro.hpp"
#include <vector>

static job worker(int id, int m, unsigned long long *sink)
{
    for (int k = 0; k < m; k++) {
        *sink += (unsigned long long)(id + k);
        co_await std::suspend_always{};
    }
}

struct ring {
    std::vector<std::coroutine_handle<>> buf;
    size_t head = 0, count = 0;
    void push(std::coroutine_handle<> h)
    {
        if (count == buf.size()) {
            std::vector<std::coroutine_handle<>> nb(buf.empty() ? 16 : buf.size() * 2);
            for (size_t i = 0; i < count; i++)
                nb[i] = buf[(head + i) & (buf.size() - 1)];
            buf.swap(nb);
            head = 0;
        }
        buf[(head + count) & (buf.size() - 1)] = h;
        count++;
    }
    std::coroutine_handle<> pop()
    {
        std::coroutine_handle<> h = buf[head];
        head = (head + 1) & (buf.size() - 1);
        count--;
        return h;
    }
};

int main(int argc, char **argv)
{
    int ntasks = (int)bench_arg(argc, argv, 1, 1000);
    int m = (int)bench_arg(argc, argv, 2, 20000);
    unsigned long long sink = 0;
    ring q;
    for (int id = 0; id < ntasks; id++)
        q.push(worker(id, m, &sink).h);
    double t0 = bench_now_ns();
    while (q.count) {
        std::coroutine_handle<> h = q.pop();
        h.resume();
        if (h.done())
            h.destroy();
        else
            q.push(h);
    }
    double t1 = bench_now_ns();
    bench_checksum(sink);
    bench_metric("step", (t1 - t0) / ((double)ntasks * (m + 1)), "ns/step");
    return 0;
}
