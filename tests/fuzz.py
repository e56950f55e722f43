# tests/fuzz.py COROC N SEED TMPDIR: feed coroc N mutations of the test
# inputs (deleted and repeated bytes, stray keywords, braces, NUL bytes,
# truncation); coroc must answer each with exit status 0 or 1, within 10 s,
# with no sanitizer report.  A failing input is kept in TMPDIR.
import random, subprocess, sys, os, glob
coroc = sys.argv[1]; n = int(sys.argv[2]); seed = int(sys.argv[3]); tmp = sys.argv[4]
rnd = random.Random(seed)
files = sorted(glob.glob('tests/run/*.cy') + glob.glob('examples/*.cy') + glob.glob('tests/err/*.cy'))
srcs = [open(f, 'rb').read() for f in files]
pieces = [b'yield', b'await', b'coroutine', b'{', b'}', b'(', b')', b';', b'/*', b'"', b"'", b'#if 1\n', b'\n#define X\n', b'coroutine(int)', b'throw', b'defer', b'try', b'catch', b'int', b'*', b',', b'[', b']', b'\\\n', b'\x00', b'\xff', b'typedef int T;']
bad = 0
for i in range(n):
    s = bytearray(rnd.choice(srcs))
    for _ in range(rnd.randint(1, 6)):
        op = rnd.randint(0, 3)
        p = rnd.randint(0, len(s))
        if op == 0 and len(s) > 1:
            q = min(len(s), p + rnd.randint(1, 20)); del s[p:q]
        elif op == 1:
            s[p:p] = rnd.choice(pieces)
        elif op == 2 and len(s) > 10:
            a = rnd.randint(0, len(s) - 5); b = rnd.randint(0, len(s) - 5); l = rnd.randint(1, 5)
            s[a:a] = s[b:b + l]
        else:
            s = s[:p]
    path = os.path.join(tmp, f'in_{seed}.cy')
    open(path, 'wb').write(s)
    try:
        r = subprocess.run([coroc, '--no-cpp', path, '-o', os.path.join(tmp, f'out_{seed}.c')], capture_output=True, timeout=10)
    except subprocess.TimeoutExpired:
        print('HANG', i); open(os.path.join(tmp, f'hang_{i}.cy'), 'wb').write(s); bad += 1; continue
    if r.returncode not in (0, 1) or b'Sanitizer' in r.stderr or b'runtime error' in r.stderr:
        print('CRASH', i, r.returncode, r.stderr[-600:].decode(errors='replace')); open(os.path.join(tmp, f'crash_{i}.cy'), 'wb').write(s); bad += 1
        if bad > 5: break
print(f'{n} inputs, {bad} failures')
sys.exit(1 if bad else 0)
