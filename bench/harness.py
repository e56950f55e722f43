#!/usr/bin/env python3
"""coroc benchmark harness (run it through bench/run.sh).

Builds every workload in every implementation into build/bench/, runs them
in turn (A B C A B C ...), each process pinned to one CPU, and prints one
table: workload, implementation, median figure, unit, ratio to coroc,
spread (min-max).  Also writes build/bench/results.csv and, when gnuplot is
there, build/bench/results.png.

    bench/run.sh           full run (sizes from BENCH_* variables)
    bench/run.sh --smoke   build everything, run each once on tiny sizes,
                           exit non-zero on any failure

See docs/performance.md.
"""
import argparse
import csv
import glob
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
BUILD = os.path.join(ROOT, "build", "bench")
RUNTIME = os.path.join(ROOT, "runtime")
COROC = os.environ.get("COROC", os.path.join(ROOT, "build", "coroc"))
LIBCOROC = os.path.join(ROOT, "build", "libcoroc.a")

CC = os.environ.get("CC", "gcc")
CXX = os.environ.get("CXX", "g++")
CLANGXX = os.environ.get("CLANGXX", "clang++")
PYTHON = os.environ.get("PYTHON", sys.executable or "python3")

# A release build, as a program ships: -DNDEBUG turns off assert() and
# coroc's checked CY_YIELDED/CY_RESULT (coroc.h), whose cost in a debug
# build docs/performance.md gives in instructions.  BENCH_DEBUG=1 leaves
# NDEBUG undefined.
RELEASE = [] if os.environ.get("BENCH_DEBUG") == "1" else ["-DNDEBUG"]
CFLAGS = ["-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-D_GNU_SOURCE"] + RELEASE
CXXFLAGS = ["-std=c++20", "-O2", "-Wall", "-Wextra", "-Werror", "-D_GNU_SOURCE"] + RELEASE


def env_int(name, default):
    v = os.environ.get(name)
    if v is None or v == "":
        return default
    try:
        return int(v)
    except ValueError:
        sys.exit("bench: %s must be an integer, not %r" % (name, v))


# ---------------------------------------------------------------------------
# Expected checksums (each workload's programs must print exactly this)
# ---------------------------------------------------------------------------

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def ck_w1(n):
    return n * (n - 1) // 2


def ck_w2(t, m):
    return m * t * (t - 1) // 2 + t * m * (m - 1) // 2


def ck_w3(n):
    return n * n


def ck_w4(n):
    return 7 * n * (n - 1) // 2 + 8 * n


def ck_w5(n):
    return fib(n)


def ck_w7(n):
    return n * (n - 1) // 2 + n


# ---------------------------------------------------------------------------
# The suite
# ---------------------------------------------------------------------------

class Impl:
    """One implementation of one workload."""

    def __init__(self, label, kind, src, args, await_needed=False):
        self.label = label    # shown in the table
        self.kind = kind      # coroc, c, c++, clang++, python, w6-coroc, w6-gcc
        self.src = src        # source file in bench/
        self.args = args      # list of ints passed on the command line
        self.await_needed = await_needed
        self.cmd = None       # command to run, once built
        self.na = None        # reason the row is n/a
        self.failed = None    # reason the row failed (counted as an error)
        self.note = None      # remark printed under the table
        self.figures = {}     # metric -> [values]
        self.units = {}       # metric -> unit


class Workload:
    def __init__(self, key, title, impls, checksum=None, metrics=None,
                 rounds=None, pinned=True):
        self.key = key
        self.title = title
        self.impls = impls
        self.checksum = checksum  # function(args) -> int, or None
        self.metrics = metrics    # metric names in display order
        self.rounds = rounds      # rounds of its own (None: BENCH_RUNS)
        self.pinned = pinned      # False: free to use every CPU (threads)


def suite(smoke):
    def size(name, full, tiny):
        return tiny if smoke else env_int(name, full)

    w1 = size("BENCH_W1_N", 20000000, 1000)
    w1py = size("BENCH_W1_PY_N", 2000000, 1000)
    w2t = size("BENCH_W2_TASKS", 1000, 10)
    w2m = size("BENCH_W2_M", 20000, 10)
    w2pym = size("BENCH_W2_PY_M", 200, 10)
    w3 = size("BENCH_W3_N", 1000000, 1000)
    w3py = size("BENCH_W3_PY_N", 300000, 1000)
    w4 = size("BENCH_W4_N", 1000000, 1000)
    w4py = size("BENCH_W4_PY_N", 1000000, 1000)
    w4uc = size("BENCH_W4_UCTX_N", 100000, 1000)
    w5 = size("BENCH_W5_N", 27, 10)
    w5py = size("BENCH_W5_PY_N", 25, 10)
    w6 = size("BENCH_W6_LINES", 200000, 300)
    w6d = size("BENCH_W6_DENSE_LINES", 100000, 300)
    w7 = size("BENCH_W7_N", 10000000, 1000)

    def cpp_pair(src, args):
        return [Impl("C++ g++", "c++", src, args),
                Impl("C++ clang++", "clang++", src, args)]

    return [
        Workload("W1 switch", "one coroutine yields N times", [
            Impl("coroc", "coroc", "w1_switch.cy", [w1]),
            Impl("coroc CY_NEXT", "coroc", "w1_switch_next.cy", [w1]),
            Impl("hand C", "c", "w1_switch_hand.c", [w1]),
            *cpp_pair("w1_switch.cpp", [w1]),
            Impl("Python gen", "python", "w1_switch.py", [w1py]),
        ], ck_w1, ["switch"]),
        Workload("W2 loop", "1000 tasks yield M times on a FIFO loop", [
            Impl("coroc", "coroc", "w2_loop.cy", [w2t, w2m]),
            Impl("hand C", "c", "w2_loop_hand.c", [w2t, w2m]),
            *cpp_pair("w2_loop.cpp", [w2t, w2m]),
            Impl("Python asyncio", "python", "w2_loop.py", [w2t, w2pym]),
        ], ck_w2, ["step"]),
        Workload("W3 spawn", "create, step x3, result, free", [
            Impl("coroc", "coroc", "w3_spawn.cy", [w3]),
            Impl("coroc pool", "coroc", "w3_spawn_pool.cy", [w3]),
            Impl("hand C", "c", "w3_spawn_hand.c", [w3]),
            *cpp_pair("w3_spawn.cpp", [w3]),
            Impl("Python gen", "python", "w3_spawn.py", [w3py]),
        ], ck_w3, ["spawn"]),
        Workload("W4 memory", "tasks suspended at once, 3 ints + 1 pointer", [
            Impl("coroc", "coroc", "w4_memory.cy", [w4]),
            Impl("coroc pool", "coroc", "w4_memory_pool.cy", [w4]),
            Impl("hand C", "c", "w4_memory_hand.c", [w4]),
            *cpp_pair("w4_memory.cpp", [w4]),
            Impl("ucontext 16K", "c", "w4_memory_ucontext.c", [w4uc]),
            Impl("Python gen", "python", "w4_memory.py", [w4py]),
        ], ck_w4, ["memory"]),
        Workload("W5 await", "fib(n), each call awaits two children", [
            Impl("coroc", "coroc", "w5_await.cy", [w5], await_needed=True),
            Impl("hand C", "c", "w5_await_hand.c", [w5]),
            *cpp_pair("w5_await.cpp", [w5]),
            Impl("Python async", "python", "w5_await.py", [w5py]),
        ], ck_w5, ["await"]),
        Workload("W6 passthrough", "translate plain C", [
            Impl("coroc", "w6-coroc", "passthrough", [w6]),
            Impl("gcc -fsyntax-only", "w6-gcc", "passthrough", [w6]),
        ], None, ["translate"]),
        Workload("W6 dense", "translate coroutine-dense code", [
            Impl("coroc", "w6-coroc", "dense", [w6d]),
            Impl("gcc -fsyntax-only", "w6-gcc", "dense", [w6d]),
        ], None, ["translate"]),
        Workload("W7 scale", "N tasks alive at once on one loop", [
            Impl("coroc", "coroc", "w7_scale.cy", [w7]),
            Impl("hand C", "c", "w7_scale_hand.c", [w7]),
        ], ck_w7, ["time", "peak_rss"]),
    ] + w8_suite(smoke) + w9_suite(smoke)


def ck_w9_cores(t, tasks, m):
    return t * ck_w2(tasks, m)


def ck_w9_handoff(n):
    return n * (n - 1) // 2


def ck_w9_jobs(n):
    return n


def w9_suite(smoke):
    """W9 cores: W2 on one loop per thread (T = 1, 2), a cross-loop
    hand-off, the thread pool's round trip; unpinned (they use threads)."""
    def size(name, full, tiny):
        return tiny if smoke else env_int(name, full)
    tasks = size("BENCH_W9_TASKS", 1000, 10)
    m = size("BENCH_W9_M", 5000, 10)
    hops = size("BENCH_W9_HOPS", 20000, 100)
    jobs = size("BENCH_W9_JOBS", 20000, 100)
    rounds = 1 if smoke else max(1, env_int("BENCH_W9_RUNS", 5))
    return [
        Workload("W9 cores", "W2 on one loop per thread, T threads", [
            Impl("coroc", "coroc", "w9_cores.cy", [1, tasks, m]),
            Impl("coroc T=2", "coroc", "w9_cores.cy", [2, tasks, m]),
            Impl("hand C", "c", "w9_cores_hand.c", [1, tasks, m]),
            Impl("hand C T=2", "c", "w9_cores_hand.c", [2, tasks, m]),
        ], ck_w9_cores, ["steps"], rounds, pinned=False),
        Workload("W9 hand-off", "a token passed between two loops on two threads", [
            Impl("coroc", "coroc", "w9_handoff.cy", [hops]),
            Impl("libuv", "c-uv", "w9_handoff_uv.c", [hops]),
        ], ck_w9_handoff, ["handoff"], rounds, pinned=False),
        Workload("W9 to_thread", "thread-pool round trip of an empty function", [
            Impl("coroc", "coroc", "w9_to_thread.cy", [jobs]),
            Impl("libuv", "c-uv", "w9_queue_work_uv.c", [jobs]),
        ], ck_w9_jobs, ["roundtrip"], rounds, pinned=False),
    ]


def w8_suite(smoke):
    """W8 echo: one workload per (connections, mode), five servers each,
    the same load generator (bench/w8_load.c)."""
    if smoke:
        configs = [(1, "pp"), (10, "pipe")]
    else:
        conns = [int(c) for c in os.environ.get(
            "BENCH_W8_CONNS", "1,100,1000,10000").split(",") if c.strip()]
        configs = [(c, m) for c in conns for m in ("pp", "pipe")]
    rounds = 1 if smoke else max(1, env_int("BENCH_W8_RUNS", 3))
    out = []
    for c, m in configs:
        args = [c, m]
        out.append(Workload(
            "W8 echo %d %s" % (c, m),
            "echo server, %d connections, %s" % (
                c, "ping-pong" if m == "pp" else "pipelined"), [
                Impl("coroc", "w8", "w8_echo.cy", args),
                Impl("epoll C", "w8", "w8_echo_epoll.c", args),
                Impl("libuv", "w8", "w8_echo_uv.c", args),
                Impl("Python asyncio", "w8", "w8_echo.py", args),
                Impl("Python uvloop", "w8", "w8_echo.py", args + ["uvloop"]),
            ], None, W8_METRICS, rounds))
    return out


W8_METRICS = ["msgs", "p50", "p99", "cpu", "rss"]
W8_PYTHON = "/usr/bin/python3" if os.path.isfile("/usr/bin/python3") else PYTHON


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------

def sh(cmd, timeout=600):
    """Run cmd; return (ok, combined output)."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=timeout, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, str(e)
    return p.returncode == 0, p.stdout


def first_lines(text, n=12):
    lines = text.strip().splitlines()
    more = "\n    ..." if len(lines) > n else ""
    return "\n".join("    " + line for line in lines[:n]) + more


def rel(path):
    r = os.path.relpath(path, ROOT)
    return path if r.startswith("..") else r


class Builder:
    def __init__(self, smoke, log):
        self.smoke = smoke
        self.log = log
        self.runtime = None       # list of objects/archives to link, or None
        self.runtime_why = None
        self.notes = []
        self.have_coroc = os.path.isfile(COROC) and os.access(COROC, os.X_OK)

    def say(self, msg):
        print(msg, file=self.log, flush=True)

    def runtime_objects(self):
        """Link build/libcoroc.a if present, else compile runtime/*.c."""
        if self.runtime is not None or self.runtime_why is not None:
            return self.runtime
        srcs = sorted(glob.glob(os.path.join(RUNTIME, "*.c")))
        deps = srcs + glob.glob(os.path.join(RUNTIME, "*.h"))
        if os.path.isfile(LIBCOROC) and all(
                os.path.getmtime(LIBCOROC) >= os.path.getmtime(d) for d in deps):
            self.runtime = [LIBCOROC]
            return self.runtime
        if os.path.isfile(LIBCOROC):
            self.notes.append("build/libcoroc.a is older than runtime/: "
                              "compiled runtime/*.c instead")
        if not srcs:
            self.runtime_why = "no runtime (no build/libcoroc.a, no runtime/*.c)"
            return None
        objdir = os.path.join(BUILD, "runtime")
        os.makedirs(objdir, exist_ok=True)
        objs = []
        for src in srcs:
            obj = os.path.join(objdir, os.path.basename(src)[:-2] + ".o")
            base = [CC] + CFLAGS + ["-I" + RUNTIME, "-c", src, "-o", obj]
            ok, out = sh(base)
            if not ok:
                ok2, out2 = sh([a for a in base if a != "-Werror"])
                if not ok2:
                    self.runtime_why = "runtime does not compile: %s" % rel(src)
                    self.say("runtime build failed:\n" + first_lines(out2))
                    return None
                self.notes.append("runtime %s has warnings under -Werror "
                                  "(built without it):\n%s"
                                  % (rel(src), first_lines(out)))
            objs.append(obj)
        self.runtime = objs
        return objs

    def build(self, wl, im):
        """Set im.cmd, or im.na / im.failed."""
        stem = os.path.splitext(im.src)[0]
        src = os.path.join(BENCH, im.src)
        if im.kind in ("c", "c-uv"):
            exe = os.path.join(BUILD, stem)
            libs = ["-lpthread"]
            if im.kind == "c-uv":
                if not os.path.isfile("/usr/include/uv.h"):
                    im.na = "libuv1-dev missing (scripts/deps.sh bench)"
                    return
                libs.append("-luv")
            ok, out = sh([CC] + CFLAGS + ["-I" + BENCH, src, "-o", exe] + libs)
            if not ok:
                im.failed = "build failed:\n" + first_lines(out)
                return
            im.cmd = [exe]
        elif im.kind in ("c++", "clang++"):
            cxx = CXX if im.kind == "c++" else CLANGXX
            flags = CXXFLAGS + (["-fcoroutines"] if im.kind == "c++" else [])
            exe = os.path.join(BUILD, stem + ("_gxx" if im.kind == "c++" else "_clangxx"))
            if not shutil.which(cxx):
                im.na = "%s not found" % cxx
                return
            ok, out = sh([cxx] + flags + ["-I" + BENCH, src, "-o", exe])
            if not ok:
                if im.kind == "clang++":  # optional: skip gracefully
                    im.na = "clang++ could not build it"
                    self.notes.append("%s / clang++: does not build (skipped):\n%s"
                                      % (wl.key, first_lines(out, 6)))
                else:
                    im.failed = "build failed:\n" + first_lines(out)
                return
            im.cmd = [exe]
        elif im.kind == "python":
            im.cmd = [PYTHON, src]
        elif im.kind == "coroc":
            self.build_coroc(wl, im, src, stem)
        elif im.kind in ("w6-coroc", "w6-gcc"):
            self.build_w6(wl, im)
        elif im.kind == "w8":
            self.build_w8(wl, im)
        else:
            raise ValueError(im.kind)

    def build_w8(self, wl, im):
        """im.cmd: the server's command; im.load: the load generator's."""
        cache = self.__dict__.setdefault("w8_cache", {})
        if "load" not in cache:
            exe = os.path.join(BUILD, "w8_load")
            ok, out = sh([CC] + CFLAGS + ["-I" + BENCH, os.path.join(BENCH, "w8_load.c"),
                          "-o", exe])
            cache["load"] = ([exe], None) if ok else (None, "load generator "
                                                       "build failed:\n" + first_lines(out))
        load, why = cache["load"]
        if load is None:
            im.failed = why
            return
        im.load = load
        key = (im.src, tuple(a for a in im.args if isinstance(a, str) and a == "uvloop"))
        if key not in cache:
            cache[key] = self.build_w8_server(wl, im)
        cmd, na, failed = cache[key]
        im.cmd, im.na, im.failed = cmd, na, failed

    def build_w8_server(self, wl, im):
        """(command, n/a reason, failure) for im's server."""
        src = os.path.join(BENCH, im.src)
        stem = os.path.splitext(im.src)[0]
        if im.src.endswith(".py"):
            if "uvloop" in im.args:
                ok, _ = sh([W8_PYTHON, "-c", "import uvloop"])
                if not ok:
                    return None, "uvloop missing (python3-uvloop: scripts/deps.sh bench)", None
                return [W8_PYTHON, src, "uvloop"], None, None
            return [W8_PYTHON, src], None, None
        if im.src.endswith(".cy"):
            probe = Impl(im.label, "coroc", im.src, [])
            self.build_coroc(wl, probe, src, stem)
            return probe.cmd, probe.na, probe.failed
        libs = []
        if stem == "w8_echo_uv":
            if not os.path.isfile("/usr/include/uv.h"):
                return None, "libuv1-dev missing (scripts/deps.sh bench)", None
            libs = ["-luv"]
        exe = os.path.join(BUILD, stem)
        ok, out = sh([CC] + CFLAGS + ["-I" + BENCH, src, "-o", exe] + libs)
        if not ok:
            return None, None, "build failed:\n" + first_lines(out)
        return [exe], None, None

    def coroc_failure(self, im, why):
        """A coroc problem: n/a, except in --smoke for non-await workloads."""
        if self.smoke and not im.await_needed:
            im.failed = why
        else:
            im.na = why.splitlines()[0]
            self.notes.append("coroc %s: %s" % (im.src, why))

    def build_coroc(self, wl, im, src, stem):
        if not self.have_coroc:
            im.na = "build/coroc missing"
            return
        out_c = os.path.join(BUILD, stem + ".c")
        ok, out = sh([COROC, src, "-o", out_c])
        if not ok:
            self.coroc_failure(im, "translation failed (%s %s -o %s):\n%s"
                               % (rel(COROC), rel(src), rel(out_c), first_lines(out)))
            return
        rt = self.runtime_objects()
        if rt is None:
            im.na = self.runtime_why
            return
        exe = os.path.join(BUILD, stem + "_coroc")
        base = [CC] + CFLAGS + ["-I" + RUNTIME, "-I" + BENCH, out_c] + rt + ["-lpthread", "-o", exe]
        ok, out = sh(base)
        if not ok:
            ok2, out2 = sh([a for a in base if a != "-Werror"])
            if not ok2:
                self.coroc_failure(im, "coroc's output does not compile (%s):\n%s"
                                   % (rel(out_c), first_lines(out2)))
                return
            self.notes.append("coroc output %s has warnings under -Werror "
                              "(built without it):\n%s" % (rel(out_c), first_lines(out)))
        im.cmd = [exe]

    def build_w6(self, wl, im):
        kind, lines = im.src, im.args[0]
        cy = os.path.join(BUILD, "w6_%s.cy" % kind)
        if not os.path.isfile(cy) or getattr(self, "w6_" + kind, None) != lines:
            ok, out = sh([PYTHON, os.path.join(BENCH, "gen_translate.py"), kind,
                          str(lines), cy])
            if not ok:
                im.failed = "gen_translate.py failed:\n" + first_lines(out)
                return
            setattr(self, "w6_" + kind, lines)
        with open(cy) as f:
            im.lines = sum(1 for _ in f)
        out_c = os.path.join(BUILD, "w6_%s.c" % kind)
        if im.kind == "w6-coroc":
            if not self.have_coroc:
                im.na = "build/coroc missing"
                return
            ok, out = sh([COROC, cy, "-o", out_c])
            if not ok:
                self.coroc_failure(im, "translation failed (%s %s -o %s):\n%s"
                                   % (rel(COROC), rel(cy), rel(out_c), first_lines(out)))
                return
            # its output must be C that gcc accepts
            ok, out = sh([CC, "-fsyntax-only", "-std=c11", "-D_GNU_SOURCE",
                          "-I" + RUNTIME, out_c])
            if not ok:
                self.coroc_failure(im, "coroc's output for %s is not valid C:\n%s"
                                   % (rel(cy), first_lines(out)))
                return
            im.cmd = [COROC, cy, "-o", out_c]
            self.w6_translated = getattr(self, "w6_translated", set()) | {kind}
        else:
            if kind == "passthrough":
                im.cmd = [CC, "-fsyntax-only", "-std=c11", "-x", "c", cy]
            else:
                # dense input is not C: time gcc on coroc's output instead
                if kind not in getattr(self, "w6_translated", set()):
                    im.na = "needs coroc's output"
                    return
                im.cmd = [CC, "-fsyntax-only", "-std=c11", "-D_GNU_SOURCE",
                          "-I" + RUNTIME, out_c]
            ok, out = sh(im.cmd)
            if not ok:
                im.failed = "gcc rejects the input:\n" + first_lines(out)
                im.cmd = None


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------

def pin_prefix():
    cpu = os.environ.get("BENCH_CPU")
    if cpu is None:
        try:
            cpus = sorted(os.sched_getaffinity(0))
            cpu = str(cpus[-1])
        except (AttributeError, OSError):
            cpu = "0"
    if shutil.which("taskset"):
        return ["taskset", "-c", cpu], cpu
    return [], None


def other_cpu_prefix(cpu):
    """taskset for the load generator: a CPU other than the servers'."""
    if cpu is None or not shutil.which("taskset"):
        return []
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return []
    others = [c for c in cpus if str(c) != str(cpu)]
    return ["taskset", "-c", str(others[0])] if others else []


def raise_nofile():
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass


def w8_secs(smoke):
    if smoke:
        return 0.1
    try:
        return float(os.environ.get("BENCH_W8_SECS", "0.5"))
    except ValueError:
        sys.exit("bench: BENCH_W8_SECS must be a number")


def run_w8(wl, im, pin, timeout):
    """Start the server, read its port, run the load generator, stop it."""
    conns, mode = im.args[0], im.args[1]
    try:
        srv = subprocess.Popen(pin + im.cmd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               preexec_fn=raise_nofile)
    except OSError as e:
        return "cannot start the server: %s" % e
    try:
        line = srv.stdout.readline().split()
        if len(line) != 2 or line[0] != "port":
            srv.kill()
            _, err = srv.communicate(timeout=10)
            return "the server printed no port:\n%s" % first_lines(err or "")
        cmd = (other_cpu_prefix(pin[-1] if pin else None) + im.load +
               [line[1], str(srv.pid), str(conns), mode, str(w8_secs(SMOKE))])
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, timeout=timeout, cwd=ROOT,
                               preexec_fn=raise_nofile)
        except subprocess.TimeoutExpired:
            return "load generator timed out after %d s" % timeout
        if srv.poll() is not None:
            return "the server died (status %s)" % srv.returncode
        if p.returncode != 0:
            return "load generator: exit status %d:\n%s" % (
                p.returncode, first_lines(p.stdout + p.stderr))
        got = {}
        for l in p.stdout.splitlines():
            parts = l.split()
            if len(parts) == 4 and parts[0] == "metric":
                got[parts[1]] = (float(parts[2]), parts[3])
        for m in wl.metrics:
            if m not in got:
                return "no 'metric %s' line from the load generator" % m
            im.figures.setdefault(m, []).append(got[m][0])
            im.units[m] = got[m][1]
        return None
    finally:
        if srv.poll() is None:
            srv.terminate()
            try:
                srv.wait(timeout=10)
            except subprocess.TimeoutExpired:
                srv.kill()
                srv.wait()
        srv.stdout.close()
        srv.stderr.close()


SMOKE = False


def run_once(wl, im, pin, timeout):
    """Run one process; append its figures.  Returns an error string or None."""
    if im.kind == "w8":
        return run_w8(wl, im, pin, timeout)
    if im.kind in ("w6-coroc", "w6-gcc"):
        t0 = time.perf_counter()
        try:
            p = subprocess.run(pin + im.cmd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               timeout=timeout, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return "timed out after %d s" % timeout
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            return "exit status %d:\n%s" % (p.returncode, first_lines(p.stdout))
        im.figures.setdefault("translate", []).append(im.lines / dt)
        im.units["translate"] = "lines/s"
        return None
    cmd = pin + im.cmd + [str(a) for a in im.args]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return "timed out after %d s" % timeout
    if p.returncode != 0:
        return "exit status %d:\n%s" % (p.returncode,
                                       first_lines(p.stdout + p.stderr))
    checksum, got = None, {}
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "checksum":
            checksum = int(parts[1])
        elif len(parts) == 4 and parts[0] == "metric":
            got[parts[1]] = (float(parts[2]), parts[3])
    if wl.checksum is not None:
        want = wl.checksum(*im.args)
        if checksum != want:
            return "checksum %s, expected %d" % (checksum, want)
    for m in wl.metrics:
        if m not in got:
            return "no 'metric %s' line in its output:\n%s" % (m, first_lines(p.stdout))
        im.figures.setdefault(m, []).append(got[m][0])
        im.units[m] = got[m][1]
    return None


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------

def fmt(v):
    if v is None:
        return "n/a"
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1e6:
        return "%.3gM" % (v / 1e6) if a < 1e9 else "%.3gG" % (v / 1e9)
    if a >= 1000:
        return "%.0f" % v
    if a >= 100:
        return "%.1f" % v
    if a >= 10:
        return "%.2f" % v
    return "%.3f" % v


def quartiles(xs):
    if len(xs) < 2:
        return xs[0], xs[0]
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], q[2]


def rows_of(workloads):
    """One row per workload metric and implementation."""
    rows = []
    for wl in workloads:
        for m in wl.metrics:
            name = wl.key if len(wl.metrics) == 1 else "%s %s" % (
                wl.key, m.replace("peak_rss", "peak RSS"))
            coroc = next((im for im in wl.impls if im.label == "coroc"), None)
            cmed = None
            if coroc and coroc.figures.get(m) and not coroc.failed:
                cmed = statistics.median(coroc.figures[m])
            for im in wl.impls:
                xs = im.figures.get(m) or []
                row = {"workload": name, "metric": m, "impl": im.label,
                       "median": None, "unit": im.units.get(m, ""),
                       "ratio": None, "min": None, "max": None, "q1": None,
                       "q3": None, "runs": len(xs), "size": " ".join(map(str, im.args)),
                       "note": ""}
                if im.failed:
                    row["note"] = "FAILED: " + im.failed.splitlines()[0]
                elif im.na:
                    row["note"] = im.na
                elif xs:
                    med = statistics.median(xs)
                    row.update(median=med, min=min(xs), max=max(xs))
                    row["q1"], row["q3"] = quartiles(xs)
                    if cmed:
                        row["ratio"] = med / cmed
                rows.append(row)
    return rows


def print_table(rows, out=sys.stdout):
    head = ["workload", "implementation", "figure", "unit", "x coroc",
            "spread (min-max)", "note"]
    table = []
    for r in rows:
        spread = ("%s-%s" % (fmt(r["min"]), fmt(r["max"]))
                  if r["median"] is not None else "")
        table.append([r["workload"], r["impl"], fmt(r["median"]), r["unit"],
                      "%.2f" % r["ratio"] if r["ratio"] is not None else "n/a",
                      spread, r["note"]])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *table)]
    line = "  ".join("%-*s" % (w, h) for w, h in zip(widths, head)).rstrip()
    print(line, file=out)
    print("-" * len(line), file=out)
    prev = None
    for t in table:
        if prev is not None and t[0] != prev:
            print("", file=out)
        prev = t[0]
        print("  ".join("%-*s" % (w, x) for w, x in zip(widths, t)).rstrip(), file=out)


def write_markdown(rows, path, machine):
    """The table as docs/performance.md shows it."""
    with open(path, "w") as f:
        f.write("Machine: %s.\n\n" % machine)
        f.write("| workload | implementation | median | unit | x coroc | min-max | note |\n")
        f.write("| --- | --- | ---: | --- | ---: | --- | --- |\n")
        for r in rows:
            spread = ("%s-%s" % (fmt(r["min"]), fmt(r["max"]))
                      if r["median"] is not None else "")
            f.write("| %s | %s | %s | %s | %s | %s | %s |\n" % (
                r["workload"], r["impl"], fmt(r["median"]), r["unit"],
                "%.2f" % r["ratio"] if r["ratio"] is not None else "n/a",
                spread, r["note"].replace("|", "/")))


def write_csv(rows, path):
    keys = ["workload", "metric", "impl", "median", "unit", "ratio", "min",
            "max", "q1", "q3", "runs", "size", "note"]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["workload", "metric", "implementation", "median", "unit",
                    "ratio_to_coroc", "min", "max", "q1", "q3", "runs", "size",
                    "note"])
        for r in rows:
            w.writerow(["" if r[k] is None else
                        ("%.6g" % r[k] if isinstance(r[k], float) else r[k])
                        for k in keys])


def ensure_gnuplot():
    if shutil.which("gnuplot"):
        return True
    if os.environ.get("BENCH_NO_INSTALL") or not hasattr(os, "geteuid") \
            or os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    print("bench: gnuplot missing, installing gnuplot-nox with apt-get ...",
          flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "install", "-y", "-q", "gnuplot-nox"],
                ["apt-get", "update", "-q"],
                ["apt-get", "install", "-y", "-q", "gnuplot-nox"]):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env)
        if cmd[1] == "install" and shutil.which("gnuplot"):
            return True
    return shutil.which("gnuplot") is not None


def draw_chart(rows, path, machine):
    """One panel per workload metric: a bar per implementation (log scale)."""
    if not ensure_gnuplot():
        print("bench: note: gnuplot not available, chart skipped")
        return
    datadir = os.path.join(BUILD, "chart")
    os.makedirs(datadir, exist_ok=True)
    panels = []
    for name in dict.fromkeys(r["workload"] for r in rows):
        pts = [r for r in rows if r["workload"] == name and r["median"] is not None]
        if not pts:
            continue
        dat = os.path.join(datadir, "panel%d.dat" % len(panels))
        with open(dat, "w") as f:
            for i, r in enumerate(pts):
                lo = r["min"] if r["min"] > 0 else r["median"]
                f.write('%d "%s" %g %g %g\n' % (i, r["impl"], r["median"], lo, r["max"]))
        panels.append((name, pts[0]["unit"], dat, len(pts)))
    if not panels:
        print("bench: note: no figures, chart skipped")
        return
    cols = 3 if len(panels) <= 15 else 5  # W8 adds 40 panels
    nrows = -(-len(panels) // cols)
    gp = ['set terminal pngcairo size %d,%d font ",9"' % (500 * cols, 380 * nrows),
          'set output "%s"' % path,
          "set termoption noenhanced",
          'set multiplot layout %d,%d title "coroc benchmarks: median of runs, '
          'bars min-max  (%s)"' % (nrows, cols, machine.replace('"', "'")),
          "set style fill solid 0.6 border -1",
          "set boxwidth 0.6",
          "set logscale y",
          "set grid ytics",
          "set xtics rotate by -25 nomirror",
          "unset key"]
    for name, unit, dat, n in panels:
        gp += ['set title "%s"' % name,
               'set ylabel "%s"' % unit,
               "set xrange [-0.6:%g]" % (n - 0.4),
               "plot '%s' using 1:3:xtic(2) with boxes lc rgb '#4a7ab5', "
               "'' using 1:3:4:5 with yerrorbars lc rgb 'black' pt -1" % dat]
    gp.append("unset multiplot")
    script = os.path.join(datadir, "chart.gp")
    with open(script, "w") as f:
        f.write("\n".join(gp) + "\n")
    p = subprocess.run(["gnuplot", script], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print("bench: note: gnuplot failed, chart skipped:\n" + first_lines(p.stdout))
    else:
        print("bench: chart written to %s" % rel(path))


def machine_line():
    model, ncpu = platform.processor() or platform.machine(), os.cpu_count()
    try:
        out = subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "%s, %s CPUs, %s" % (model, ncpu, platform.platform(terse=True))


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true",
                    help="build all, run each once on tiny sizes, fail on any error")
    ap.add_argument("--only", default="",
                    help="comma-separated workload prefixes to run (e.g. W1,W5)")
    opts = ap.parse_args()
    smoke = opts.smoke
    global SMOKE
    SMOKE = smoke

    if smoke:
        # own directory: the test suite may run --smoke while a full run is
        # going on, and must not overwrite its programs or W6 inputs
        global BUILD
        BUILD = os.path.join(BUILD, "smoke")
    os.makedirs(BUILD, exist_ok=True)
    runs = 1 if smoke else max(5, env_int("BENCH_RUNS", 9))
    timeout = env_int("BENCH_TIMEOUT", 60 if smoke else 300)
    workloads = suite(smoke)
    if opts.only:
        keep = [w.strip().lower() for w in opts.only.split(",") if w.strip()]
        workloads = [w for w in workloads
                     if any(w.key.lower().startswith(k) for k in keep)]

    start = time.time()
    machine = machine_line()
    pin, cpu = pin_prefix()
    print("bench: %s mode, %d run(s) each, %s" % (
        "smoke" if smoke else "full", runs,
        "pinned to CPU %s" % cpu if cpu is not None else "taskset missing: not pinned"))
    print("bench: machine: %s" % machine)
    print("bench: coroc: %s" % (rel(COROC) if os.path.isfile(COROC)
                                else "build/coroc missing (coroc rows n/a)"))

    b = Builder(smoke, sys.stdout)
    for wl in workloads:
        for im in wl.impls:
            b.build(wl, im)
    print("bench: built in %.1f s" % (time.time() - start), flush=True)

    for r in range(runs):
        for wl in workloads:
            if wl.rounds is not None and r >= wl.rounds:
                continue
            for im in wl.impls:   # A B C ... in turn, every round
                if im.cmd is None or im.failed:
                    continue
                err = run_once(wl, im, pin if wl.pinned else [], timeout)
                if err:
                    im.failed = "run failed (%s %s): %s" % (
                        " ".join(rel(c) if c.startswith(ROOT) else c for c in im.cmd),
                        " ".join(map(str, im.args)), err)
        if not smoke:
            print("bench: round %d/%d done (%.0f s)" % (r + 1, runs, time.time() - start),
                  flush=True)

    rows = rows_of(workloads)
    print()
    print_table(rows)
    csv_path = os.path.join(BUILD, "results.csv")
    write_csv(rows, csv_path)
    with open(os.path.join(BUILD, "results.txt"), "w") as f:
        print("machine: %s" % machine, file=f)
        print_table(rows, f)
    write_markdown(rows, os.path.join(BUILD, "results.md"), machine)
    print()
    print("bench: ratio = figure / coroc's figure for the same workload "
          "(time, bytes: > 1 is worse than coroc; lines/s, msg/s, Msteps/s: "
          "> 1 is faster)")
    print("bench: table written to %s" % rel(csv_path))

    failures = [(wl, im) for wl in workloads for im in wl.impls if im.failed]
    for note in b.notes:
        print("bench: note: " + note)
    for wl, im in failures:
        print("bench: FAILED: %s / %s: %s" % (wl.key, im.label, im.failed))

    if not smoke:
        draw_chart(rows, os.path.join(BUILD, "results.png"), machine)
    print("bench: total %.0f s" % (time.time() - start))
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
