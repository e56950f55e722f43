#!/usr/bin/env python3
"""tests/realc/realc.py - run coroc over real C files nobody here wrote.

  realc.py [--jobs J] [--max N] [--keep DIR] [--list] PATH...

PATH are files or directories (searched for *.h and *.c); nothing is copied
into the repository: every file is read where it is, and the work is done
in a temporary directory.  Three checks, each counted by cause:

passthrough   coroc FILE -o OUT.c, where FILE has no coroutine: coroc must
              accept it and OUT.c must be FILE byte for byte (coroc copies
              everything that is not a coroutine).  Only files that gcc
              compiles on their own (-std=gnu11 -fsyntax-only; a header
              through `#include "FILE"`) are counted.
same-object   for a .c file gcc compiles to an object: the object of OUT.c
              must have the same disassembly as the object of FILE.
coroutines    every function definition of a .c file that is not variadic,
              inline or main gets a twin right after it: the same
              definition named NAME__cy, made a coroutine, with `yield;`
              after every statement of its body (every local then lives
              across a suspension and goes into the frame); the original
              stays for its callers.
coroutines-pp the same on the file preprocessed by gcc -E -P -dD (every header
              and macro expanded, inline functions of headers included), so
              that the lowering of real bodies is tested even where coroc
              does not know what the file's macros stand for.  (-dD keeps
              the #defines, include guards among them, so that the headers
              gcc sees the file as its author's build does; coroc handles
              the form without -dD too: tests/cli/preprocessed_input.sh.)
              coroc must translate it and gcc must compile
              the result (-fsyntax-only, with -Iruntime).

The last lines summarise: files, passed, and failures by cause.
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

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CC = os.environ.get('CC', 'gcc')
COROC = os.path.abspath(os.environ.get('COROC', os.path.join(ROOT, 'build', 'coroc')))
RUNTIME = os.path.join(ROOT, 'runtime')
# REALC_CPPFLAGS: what a package's own build would pass (tests/realc/run.sh)
CFLAGS = ['-std=gnu11', '-w'] + os.environ.get('REALC_CPPFLAGS', '').split()


def sh(cmd, timeout=60, **kw):
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return 'timeout', b'', b''


def first_error(err):
    for line in err.decode(errors='replace').split('\n'):
        if 'error' in line:
            m = line.split('error: ', 1)
            msg = m[1] if len(m) > 1 else line
            msg = re.sub(r"'[^']*'|‘[^’]*’", "'X'", msg)
            return msg[:110]
    return err.decode(errors='replace').strip().split('\n')[-1][:110] or '(no message)'


# ------------------------------------------------------------- a tokenizer
TOK = re.compile(r'''
    (?P<ws>[ \t\r\f\v]+|\\\n)
  | (?P<nl>\n)
  | (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<str>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<id>[A-Za-z_$][A-Za-z_0-9$]*)
  | (?P<num>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*)
  | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|\#\#|.)
''', re.S | re.X)


def tokens(text):
    """(kind, text, start) for the significant tokens; directives are one
    token of kind 'pp'"""
    out = []
    i, n = 0, len(text)
    bol = True
    while i < n:
        if bol:
            m = re.match(r'[ \t]*#', text[i:i + 200])
            if m:
                j = i
                while True:           # to the end of the line, continuations joined
                    k = text.find('\n', j)
                    if k < 0:
                        k = n
                        break
                    # a comment that spans lines inside a directive
                    seg = text[j:k]
                    c = seg.rfind('/*')
                    if c >= 0 and seg.find('*/', c) < 0:
                        e = text.find('*/', j + c)
                        j = n if e < 0 else e + 2
                        continue
                    if k > 0 and text[k - 1] == '\\':
                        j = k + 1
                        continue
                    break
                out.append(('pp', text[i:k], i))
                i = k
                continue
        m = TOK.match(text, i)
        if not m:
            i += 1
            continue
        kind = m.lastgroup
        if kind == 'nl':
            bol = True
        elif kind not in ('ws', 'comment'):
            bol = False
            out.append((kind, m.group(), i))
        elif kind == 'comment' and '\n' in m.group():
            pass
        i = m.end()
    return out


def find_functions(toks):
    """[(decl_start_offset, name, body_open_index, body_close_index)] for
    function definitions at file scope (name ( ... ) { ... })"""
    res = []
    depth = 0
    start = 0            # index of the first token of the current declaration
    i = 0
    n = len(toks)
    while i < n:
        k, t, off = toks[i]
        if k == 'pp':
            if depth == 0:
                start = i + 1
            i += 1
            continue
        if t in '{':
            if depth == 0 and i > 0 and toks[i - 1][1] == ')':
                # find the declarator's name: the identifier before the
                # parenthesis group that closes just before this brace
                j = i - 1
                par = 0
                while j >= start:
                    if toks[j][1] == ')':
                        par += 1
                    elif toks[j][1] == '(':
                        par -= 1
                        if par == 0:
                            break
                    j -= 1
                if j > start and toks[j - 1][0] == 'id':
                    name = toks[j - 1][1]
                    params = ' '.join(x[1] for x in toks[j:i])
                    # the body's end
                    d, e = 0, i
                    while e < n:
                        if toks[e][1] == '{':
                            d += 1
                        elif toks[e][1] == '}':
                            d -= 1
                            if d == 0:
                                break
                        e += 1
                    head = [x[1] for x in toks[start:j - 1]]
                    ok = (e < n and '...' not in params and name not in ('main',)
                          and '=' not in head and 'typedef' not in head
                          and '__attribute__' not in head and 'inline' not in head
                          and '__inline' not in head and '__inline__' not in head)
                    if ok:
                        res.append((start, name, i, e))
                    i = e + 1
                    start = i
                    continue
            depth += 1
        elif t == '}':
            depth -= 1
            if depth == 0:
                start = i + 1
        elif t == ';' and depth == 0:
            start = i + 1
        i += 1
    return res


def to_coroutines(text):
    """(new text, functions converted): after each function definition, a
    copy named NAME__cy that is a coroutine, with `yield;` after every
    statement; the original stays for its callers (which would otherwise
    need an await), so the file keeps compiling"""
    toks = tokens(text)
    fns = find_functions(toks)
    inserts = []          # (offset, text)
    conv = 0
    for start, name, bo, bc in fns:
        if start >= len(toks):
            continue
        # statements of the body: a ';' whose innermost brace is a block,
        # outside parentheses, not followed by 'else' or 'while' (do ... while)
        cuts = []
        stack = []        # True for a statement block
        par = 0
        for x in range(bo, bc + 1):
            k, t, off = toks[x]
            if k == 'pp':
                continue
            if t == '{':
                prev = toks[x - 1][1] if x > 0 else ';'
                stack.append(x == bo or prev in (')', '{', '}', ';', 'else', 'do', ':'))
            elif t == '}':
                stack.pop()
            elif t in '([':
                par += 1
            elif t in ')]':
                par -= 1
            elif t == ';' and par == 0 and stack and stack[-1]:
                nxt = toks[x + 1][1] if x + 1 < len(toks) else ''
                if nxt in ('else', 'while'):
                    continue
                cuts.append(off + 1)
        a, z = toks[start][2], toks[bc][2] + 1
        copy = text[a:z]
        for off in reversed(cuts):
            copy = copy[:off - a] + ' yield;' + copy[off - a:]
        # the name, once, in the declarator
        no = toks[bo][2]
        head, body = copy[:no - a], copy[no - a:]
        head = re.sub(r'\b%s\b(?=\s*\()' % re.escape(name), name + '__cy', head, count=1)
        inserts.append((z, '\n\ncoroutine ' + head + body + '\n'))
        conv += 1
    for off, s in sorted(inserts, reverse=True):
        text = text[:off] + s + text[off:]
    return text, conv


# ------------------------------------------------------------------ checks
def standalone(path, tmp):
    if path.endswith('.h'):
        w = os.path.join(tmp, 'inc.c')
        with open(w, 'w') as f:
            f.write('#include "%s"\n' % path)
        rc, _, _ = sh([CC] + CFLAGS + ['-fsyntax-only', w])
    else:
        rc, _, _ = sh([CC] + CFLAGS + ['-fsyntax-only', '-I', os.path.dirname(path), path])
    return rc == 0


def disasm(obj):
    rc, out, _ = sh(['objdump', '-d', '--no-show-raw-insn', obj])
    lines = out.decode(errors='replace').split('\n')
    return '\n'.join(l for l in lines if 'file format' not in l)


def check(path, tmp, want_obj):
    """-> list of (check, verdict, cause)"""
    res = []
    d = tempfile.mkdtemp(dir=tmp)
    try:
        if not standalone(path, d):
            return [('skipped', 'not standalone', '')]
        base = os.path.basename(path)
        out = os.path.join(d, base + '.out.c')
        rc, _, err = sh([COROC, path, '-o', out], timeout=60)
        if rc != 0 or not os.path.exists(out):
            cause = 'coroc %s: %s' % (rc, first_error(err))
            res.append(('passthrough', 'fail', cause))
        else:
            with open(path, 'rb') as f, open(out, 'rb') as g:
                same = f.read() == g.read()
            res.append(('passthrough', 'pass' if same else 'fail',
                        '' if same else 'output differs from the input'))
            if want_obj and path.endswith('.c'):
                inc = ['-I', os.path.dirname(path), '-I', RUNTIME]
                o1, o2 = os.path.join(d, 'a.o'), os.path.join(d, 'b.o')
                r1, _, _ = sh([CC] + CFLAGS + ['-O1', '-c'] + inc + [path, '-o', o1])
                if r1 == 0:
                    r2, _, err = sh([CC] + CFLAGS + ['-O1', '-c'] + inc + [out, '-o', o2])
                    if r2 != 0:
                        res.append(('same-object', 'fail', 'gcc: ' + first_error(err)))
                    else:
                        same = disasm(o1) == disasm(o2)
                        res.append(('same-object', 'pass' if same else 'fail',
                                    '' if same else 'different code'))
        if path.endswith('.c'):
            with open(path, encoding='latin-1') as f:
                text = f.read()
            new, conv = to_coroutines(text)
            if conv:
                cy = os.path.join(d, base[:-2] + '.cy')
                with open(cy, 'w', encoding='latin-1') as f:
                    f.write(new)
                out2 = os.path.join(d, base + '.co.c')
                inc = ['-I', os.path.dirname(path), '-I', RUNTIME]
                rc, _, err = sh([COROC] + ['-I' + os.path.dirname(path), cy, '-o', out2], timeout=60)
                if rc != 0:
                    res.append(('coroutines', 'fail', 'coroc %s: %s' % (rc, first_error(err))))
                else:
                    r2, _, err = sh([CC] + CFLAGS + ['-fsyntax-only'] + inc + [out2], timeout=120)
                    if r2 != 0:
                        res.append(('coroutines', 'fail', 'gcc: ' + first_error(err)))
                    else:
                        res.append(('coroutines', 'pass', '%d' % conv))
            # the same on the preprocessed file: macros expanded, so that
            # what is tested is the lowering of real bodies, not coroc's
            # knowledge of the file's macros
            pp = os.path.join(d, base[:-2] + '.pp.c')
            rc, ppout, _ = sh([CC] + CFLAGS + ['-E', '-P', '-dD', '-I', os.path.dirname(path), path])
            if rc == 0:
                new, conv = to_coroutines(ppout.decode('latin-1'))
                if conv:
                    cy = os.path.join(d, base[:-2] + '.pp.cy')
                    with open(cy, 'w', encoding='latin-1') as f:
                        f.write(new)
                    out3 = os.path.join(d, base + '.pp.co.c')
                    rc, _, err = sh([COROC, '--no-cpp', cy, '-o', out3], timeout=120)
                    if rc != 0:
                        res.append(('coroutines-pp', 'fail', 'coroc %s: %s' % (rc, first_error(err))))
                    else:
                        r2, _, err = sh([CC] + CFLAGS + ['-fsyntax-only', '-I', RUNTIME, out3], timeout=300)
                        if r2 != 0:
                            res.append(('coroutines-pp', 'fail', 'gcc: ' + first_error(err)))
                        else:
                            res.append(('coroutines-pp', 'pass', '%d' % conv))
        return res
    finally:
        shutil.rmtree(d, ignore_errors=True)


def collect(paths, maxn):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for dp, dn, fn in os.walk(p):
                dn[:] = sorted(x for x in dn if x not in ('c++', 'gtest', 'gmock', 'benchmark'))
                for f in sorted(fn):
                    if f.endswith(('.c', '.h')):
                        files.append(os.path.join(dp, f))
        elif os.path.isfile(p):
            files.append(p)
    return files[:maxn] if maxn else files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('paths', nargs='+')
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--max', type=int, default=0)
    ap.add_argument('--no-objects', action='store_true')
    ap.add_argument('--verbose', action='store_true')
    a = ap.parse_args()
    files = collect(a.paths, a.max)
    tmp = tempfile.mkdtemp(prefix='realc.')
    stats = collections.defaultdict(collections.Counter)
    causes = collections.defaultdict(collections.Counter)
    examples = {}
    nconv = collections.Counter()
    try:
        with cf.ThreadPoolExecutor(a.jobs) as ex:
            futs = {ex.submit(check, f, tmp, not a.no_objects): f for f in files}
            for fu in cf.as_completed(futs):
                f = futs[fu]
                for chk, verdict, cause in fu.result():
                    stats[chk][verdict] += 1
                    if chk.startswith('coroutines') and verdict == 'pass':
                        nconv[chk] += int(cause)
                    if verdict == 'fail':
                        causes[chk][cause] += 1
                        examples.setdefault((chk, cause), f)
                        if a.verbose:
                            print('FAIL %s %s: %s' % (chk, f, cause), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print('realc: %d files, %d not compilable on their own (skipped)' % (
        len(files), stats['skipped']['not standalone']))
    for chk in ('passthrough', 'same-object', 'coroutines', 'coroutines-pp'):
        s = stats[chk]
        extra = ' (%d functions made coroutines)' % nconv[chk] if chk in nconv else ''
        print('%s: %d files, %d passed, %d failed%s' % (chk, s['pass'] + s['fail'],
                                                        s['pass'], s['fail'], extra))
        for cause, c in causes[chk].most_common(15):
            print('  %5d  %s   (e.g. %s)' % (c, cause, examples[(chk, cause)]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
