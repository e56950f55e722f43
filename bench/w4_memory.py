"""W4 memory, Python: N generators suspended at once, each holding three
ints and a reference across its yield.  Bytes per task = (peak RSS - RSS
before creating them) / N, from /proc/self/status."""
import sys


def status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def hold(p, i):
    a = p[i]
    b = p[i + 1]
    c = p[i + 2]
    yield
    return a + 2 * b + 3 * c + p[i]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    data = list(range(n + 2))
    tasks = [None] * n
    base = status_kib("VmRSS")
    for i in range(n):
        g = hold(data, i)
        next(g)
        tasks[i] = g
    peak = status_kib("VmHWM")
    s = 0
    for g in tasks:
        try:
            next(g)
        except StopIteration as e:
            s += e.value
    print("checksum", s)
    print("metric memory %.3f B/task" % ((peak - base) * 1024.0 / n))


main()
