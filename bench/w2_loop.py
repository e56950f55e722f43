"""W2 loop, Python asyncio: T tasks each `await asyncio.sleep(0)` M times
(sleep(0) is asyncio's bare yield to the event loop)."""
import asyncio
import sys
import time

sink = 0


async def worker(i, m):
    global sink
    for k in range(m):
        sink += i + k
        await asyncio.sleep(0)


async def amain(ntasks, m):
    tasks = [asyncio.ensure_future(worker(i, m)) for i in range(ntasks)]
    t0 = time.perf_counter_ns()
    await asyncio.gather(*tasks)
    return time.perf_counter_ns() - t0


def main():
    ntasks = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    dt = asyncio.run(amain(ntasks, m))
    print("checksum", sink)
    print("metric step %.3f ns/step" % (dt / (ntasks * (m + 1))))


main()
