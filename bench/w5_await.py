"""W5 await, Python: async def fib(n) awaiting two child coroutines, driven
by coro.send(None) (nothing ever suspends to an event loop)."""
import sys
import time


async def fib(n):
    if n < 2:
        return n
    a = await fib(n - 1)
    b = await fib(n - 2)
    return a + b


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 22
    f0, f1 = 0, 1
    for _ in range(n):
        f0, f1 = f1, f0 + f1
    calls = 2 * f1 - 1
    t0 = time.perf_counter_ns()
    c = fib(n)
    try:
        c.send(None)
        raise SystemExit("fib suspended")
    except StopIteration as e:
        r = e.value
    t1 = time.perf_counter_ns()
    print("checksum", r)
    print("metric await %.3f ns/call" % ((t1 - t0) / calls))


main()
