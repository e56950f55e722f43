"""W1 switch, Python: a generator yielding N ints, driven by a for loop."""
import sys
import time


def gen(n):
    for i in range(n):
        yield i


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000000
    s = 0
    g = gen(n)
    t0 = time.perf_counter_ns()
    for v in g:
        s += v
    t1 = time.perf_counter_ns()
    print("checksum", s)
    print("metric switch %.3f ns/switch" % ((t1 - t0) / n))


main()
