"""W3 spawn, Python: create a generator, next() it through two yields to
its return, read StopIteration.value, drop it."""
import sys
import time


def spawnee(i):
    a = i
    yield
    a += i
    yield
    return a + 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    s = 0
    t0 = time.perf_counter_ns()
    for i in range(n):
        g = spawnee(i)
        try:
            while True:
                next(g)
        except StopIteration as e:
            s += e.value
    t1 = time.perf_counter_ns()
    print("checksum", s)
    print("metric spawn %.3f ns/task" % ((t1 - t0) / n))


main()
