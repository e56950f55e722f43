#!/usr/bin/env python3
"""tests/difftest/run.py - differential testing of coroc (Python 3, stdlib only).

For each seed, gen.py writes a random coroutine program and its plain-C
reference (no coroc, no runtime); the program goes through coroc and gcc
and is run, the reference through gcc alone, and both outputs must be equal.
A program with conditionals in its coroutines (family cond) is translated
once and built twice, both sides, the second time with -DDIFFTEST_FLIP
(which flips every condition): one translation must serve both
configurations.

  run.py [--seeds N] [--start S] [--jobs J] [--skip FAM,...] [--only FAM,...]
         [--size K] [--batch B] [--keep DIR] [--reduce] [--asan] [--quiet]
         [--time-limit SECONDS]

Seeds are run B at a time (25 by default): B programs in one file on each
side, each output preceded by its seed, so that gcc starts once per batch;
a seed that a batch cannot settle (coroc or gcc rejects its program, a
crash, a different output) is run again alone, and reported from that run.

--skip leaves feature families out of every program (gen.FAMILIES lists
them); --keep saves each failing seed's program, reference and outputs in
DIR; --reduce looks, for each failing seed, for the smallest set of families
and the smallest size with which the same seed still fails the same way (a
coarse automatic reducer; the last steps are done by hand).  The last line
is "difftest: N seeds, P passed, F failed"; the exit status is 1 if any
seed failed.  Needs build/coroc and build/libcoroc.a (make).
"""
import argparse
import collections
import concurrent.futures as cf
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen  # noqa: E402

CC = os.environ.get('CC', 'gcc')
COROC = os.path.abspath(os.environ.get('COROC', os.path.join(ROOT, 'build', 'coroc')))
LIBA = os.path.abspath(os.environ.get('LIBA', os.path.join(ROOT, 'build', 'libcoroc.a')))
LIBSAN = os.path.abspath(os.environ.get('LIBSAN', os.path.join(ROOT, 'build', 'san', 'libcoroc.a')))
SAN = ['-fsanitize=address,undefined', '-fno-sanitize-recover=all']


def sh(cmd, timeout=60, **kw):
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return 'timeout', b'', b''


def configs(cy):
    """the builds of one translation: a program with conditionals in its
    coroutines (gen.cond_group) is also built with -DDIFFTEST_FLIP"""
    return [[], ['-DDIFFTEST_FLIP']] if 'DIFFTEST_FLIP' in cy else [[]]


def one(seed, fams, size, tmp, asan=False):
    """-> (verdict, detail, files): verdict 'pass' or a failure class;
    each configuration (configs) is built and compared in turn"""
    cy, ref = gen.generate(seed, fams, size)
    d = os.path.join(tmp, 's%d' % seed)
    os.makedirs(d, exist_ok=True)
    files = {'prog.cy': cy, 'ref.c': ref}
    for name, text in files.items():
        with open(os.path.join(d, name), 'w') as f:
            f.write(text)
    p = lambda n: os.path.join(d, n)
    for cfg in configs(cy):
        rc, _, err = sh([CC, '-std=c11', '-O0', '-w'] + cfg + [p('ref.c'), '-o', p('ref')])
        if rc != 0:
            return 'generator', 'the reference does not compile: ' + err.decode(errors='replace')[:400], d
    rc, _, err = sh([COROC, p('prog.cy'), '-o', p('prog.c')], timeout=30)
    if rc == 'timeout':
        return 'coroc-hang', '', d
    if rc == 1:
        return 'coroc-refused', err.decode(errors='replace').split('\n')[0], d
    if rc != 0:
        return 'coroc-crash', 'exit %s: %s' % (rc, err.decode(errors='replace')[-300:]), d
    for cfg in configs(cy):
        v, detail = one_config(p, cfg, asan)
        if v != 'pass':
            return v, (detail + ' [%s]' % ' '.join(cfg) if cfg else detail), d
    return 'pass', '', d


def one_config(p, cfg, asan):
    """build the reference and the translation with cfg, run, compare"""
    rc, _, err = sh([CC, '-std=c11', '-O0', '-w'] + cfg + [p('ref.c'), '-o', p('ref')])
    if rc != 0:
        return 'generator', 'the reference does not compile: ' + err.decode(errors='replace')[:400]
    rc, want, err = sh([p('ref')], timeout=20)
    if rc != 0:
        return 'generator', 'the reference exits %s' % rc
    flags = ['-std=c11', '-O0', '-Wall', '-Wextra', '-Wno-unused', '-I' + os.path.join(ROOT, 'runtime')] + cfg
    lib = LIBA
    if asan:
        flags += SAN
        lib = LIBSAN
    rc, _, err = sh([CC] + flags + [p('prog.c'), lib, '-lm', '-o', p('prog')], timeout=120)
    if rc != 0:
        msg = [l for l in err.decode(errors='replace').split('\n') if 'error' in l]
        return 'gcc-rejects-output', (msg[0] if msg else '')[:300]
    rc, got, err = sh([p('prog')], timeout=20)
    with open(p('want.out'), 'wb') as f:
        f.write(want)
    with open(p('got.out'), 'wb') as f:
        f.write(got)
    if rc == 'timeout':
        return 'run-hang', ''
    if rc != 0:
        return 'run-crash', 'exit %s %s' % (rc, err.decode(errors='replace')[-300:])
    if got != want:
        wl, gl = want.split(b'\n'), got.split(b'\n')
        i = next((i for i in range(min(len(wl), len(gl))) if wl[i] != gl[i]), min(len(wl), len(gl)))
        return 'wrong-output', 'line %d: expected %r, got %r' % (
            i + 1, wl[i] if i < len(wl) else b'<end>', gl[i] if i < len(gl) else b'<end>')
    return 'pass', ''


def split_out(out):
    """{seed: bytes} from a batch's output"""
    res, cur = {}, None
    for line in out.split(b'\n'):
        if line.startswith(b'=== '):
            cur = int(line[4:])
            res[cur] = []
        elif cur is not None:
            res[cur].append(line)
    return {k: b'\n'.join(v) for k, v in res.items()}


def seeds_named(err, spans):
    """the seeds whose program lines a diagnostic names (prog.cy:LINE:)"""
    bad = set()
    for m in re.finditer(rb'prog\.cy:(\d+):', err):
        ln = int(m.group(1))
        for s, (a, b) in spans.items():
            if a <= ln <= b:
                bad.add(s)
    return bad


def one_batch(seeds, fams, size, tmp, asan=False, deadline=None):
    """run several seeds as one program each side: -> [(seed, verdict,
    detail, dir)]; a seed the batch cannot settle (its program refused,
    a crash) is run alone with one().  Past the deadline: nothing run."""
    if deadline and time.time() > deadline:
        return []
    alone = set()
    seeds = list(seeds)
    d = tempfile.mkdtemp(dir=tmp)
    p = lambda n: os.path.join(d, n)
    try:
        for _ in range(4):
            if not seeds:
                break
            cy, ref, spans = gen.batch(seeds, fams, size)
            with open(p('prog.cy'), 'w') as f:
                f.write(cy)
            with open(p('ref.c'), 'w') as f:
                f.write(ref)
            rc, _, err = sh([COROC, p('prog.cy'), '-o', p('prog.c')], timeout=60)
            if rc != 0:
                bad = seeds_named(err, spans)
                if rc != 1 or not bad:
                    alone |= set(seeds)
                    seeds = []
                    break
                alone |= bad
                seeds = [s for s in seeds if s not in bad]
                continue
            flags = ['-std=c11', '-O0', '-Wall', '-Wextra', '-Wno-unused',
                     '-I' + os.path.join(ROOT, 'runtime')]
            rc, _, err = sh([CC] + flags + (SAN if asan else []) +
                            [p('prog.c'), LIBSAN if asan else LIBA, '-lm', '-o', p('prog')], timeout=300)
            if rc != 0:
                bad = seeds_named(err, spans)
                if not bad:
                    alone |= set(seeds)
                    seeds = []
                    break
                alone |= bad
                seeds = [s for s in seeds if s not in bad]
                continue
            break
        res = []
        passed = set(seeds)
        for n, cfg in enumerate(configs(cy) if seeds else []):
            if n:   # the other configuration of the same translation
                r0, _, _ = sh([CC] + flags + cfg + (SAN if asan else []) +
                              [p('prog.c'), LIBSAN if asan else LIBA, '-lm', '-o', p('prog')],
                              timeout=300)
                if r0 != 0:
                    passed = set()
                    break
            r1, _, _ = sh([CC, '-std=c11', '-O0', '-w'] + cfg + [p('ref.c'), '-o', p('ref')], timeout=300)
            r2, want, _ = sh([p('ref')], timeout=60) if r1 == 0 else (1, b'', b'')
            r3, got, _ = sh([p('prog')], timeout=60)
            if r1 != 0 or r2 != 0 or r3 != 0:
                passed = set()
                break
            w, g = split_out(want), split_out(got)
            passed = {s for s in passed if s in w and w.get(s) == g.get(s)}
        for s in seeds:
            if s in passed:
                res.append((s, 'pass', '', None))
            else:
                alone.add(s)
        for s in sorted(alone):
            v, detail, sd = one(s, fams, size, tmp, asan)
            res.append((s, v, detail, sd))
        return res
    finally:
        shutil.rmtree(d, ignore_errors=True)


def reduce(seed, fams, size, tmp, verdict):
    """drop families and shrink the size while the same seed fails the same way"""
    fams = list(fams)
    for s in range(0, size + 1):
        v, _, _ = one(seed, fams, s, tmp)
        if v == verdict:
            size = s
            break
    changed = True
    while changed:
        changed = False
        for f in list(fams):
            trial = [x for x in fams if x != f]
            v, _, _ = one(seed, trial, size, tmp)
            if v == verdict:
                fams = trial
                changed = True
    return fams, size


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seeds', type=int, default=10000)
    ap.add_argument('--start', type=int, default=1)
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--skip', default='')
    ap.add_argument('--only', default='')
    ap.add_argument('--size', type=int, default=2)
    ap.add_argument('--batch', type=int, default=25)
    ap.add_argument('--time-limit', type=float, default=0,
                    help='seconds; batches not started by then are not run')
    ap.add_argument('--keep', default='')
    ap.add_argument('--reduce', action='store_true')
    ap.add_argument('--asan', action='store_true')
    ap.add_argument('--quiet', action='store_true')
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(',')))
    fams = [f for f in gen.FAMILIES if f not in skip]
    if a.only:
        fams = [f for f in a.only.split(',') if f]
    bad = set(fams) - set(gen.FAMILIES)
    if bad:
        sys.exit('difftest: unknown families: ' + ', '.join(sorted(bad)))
    for tool in (COROC, LIBA):
        if not os.path.exists(tool):
            sys.exit('difftest: %s is missing: run make first' % tool)
    if skip:
        print('difftest: skipping families: ' + ', '.join(sorted(skip)))
    tmp = tempfile.mkdtemp(prefix='difftest.')
    counts = collections.Counter()
    failures = []
    try:
        seeds = range(a.start, a.start + a.seeds)
        groups = [seeds[i:i + a.batch] for i in range(0, len(seeds), a.batch)]
        with cf.ThreadPoolExecutor(a.jobs) as ex:
            deadline = time.time() + a.time_limit if a.time_limit else None
            futs = [ex.submit(one_batch, g, fams, a.size, tmp, a.asan, deadline)
                    for g in groups]
            for fu in cf.as_completed(futs):
              for s, v, detail, d in fu.result():
                counts[v] += 1
                done = sum(counts.values())
                if done % 500 == 0 and done < a.seeds:
                    print('difftest: %d seeds so far, %d passed, %d failed' % (
                        done, counts['pass'], done - counts['pass']), flush=True)
                if v != 'pass':
                    failures.append((s, v, detail))
                    if not a.quiet:
                        print('FAIL seed %d: %s: %s' % (s, v, detail), flush=True)
                    if a.keep:
                        dst = os.path.join(a.keep, 'seed%d' % s)
                        shutil.rmtree(dst, ignore_errors=True)
                        shutil.copytree(d, dst)
                if d:
                    shutil.rmtree(d, ignore_errors=True)
        if a.reduce and failures:
            print('reduced (seed: families left, size):')
            for s, v, _ in sorted(failures)[:20]:
                f, z = reduce(s, fams, a.size, tmp, v)
                print('  seed %d %s: --only %s --size %d' % (s, v, ','.join(f), z))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    n = sum(counts.values())
    failed = n - counts['pass']
    if failures:
        print('failures by class: ' + ', '.join('%s %d' % (k, c) for k, c in
                                                sorted(counts.items()) if k != 'pass'))
        causes = collections.Counter(
            (v, re.sub(r"'[^']*'", "'X'", detail.split(': error: ')[-1])[:100]
             if v in ('coroc-refused', 'gcc-rejects-output') else '')
            for _, v, detail in failures)
        for (v, why), c in causes.most_common(12):
            if why:
                print('  %4d %s: %s' % (c, v, why))
    if n < a.seeds:
        print('difftest: stopped by --time-limit after %d of %d seeds' % (n, a.seeds))
    print('difftest: %d seeds, %d passed, %d failed' % (n, counts['pass'], failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
