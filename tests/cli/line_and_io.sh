#!/usr/bin/env bash
# #line directives: a C compiler's error inside a coroutine names the .cy
# file and line; --no-line removes them.  Unreadable input and unwritable
# output are errors (exit 1) that leave no output file behind.
set -u
COROC=${COROC:-build/coroc}
CC=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi; }

cat >"$tmp/bad.cy" <<'CY'
#include <stdio.h>

coroutine int f(int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) {
        yield;
        total += i;
    }
    struct nothing *p = 0;
    total += p->missing;
    return total;
}
CY
"$COROC" "$tmp/bad.cy" -o "$tmp/bad.c"; rc=$?
check "translation of a type error: exit 0 (got $rc)" '[ $rc = 0 ]'
$CC -std=c11 -Iruntime -c "$tmp/bad.c" -o "$tmp/bad.o" 2>"$tmp/cc.err"
check "gcc points at bad.cy:11" 'grep -q "bad.cy:11:" "$tmp/cc.err"'
# an error in what coroc generates around a body (here the frame, of an
# incomplete struct parameter) points at the generated file's own line
cat >"$tmp/gen.cy" <<'CY'
struct nope;
coroutine int b(struct nope s)
{
    yield;
    return 0;
}
CY
"$COROC" "$tmp/gen.cy" -o "$tmp/gen.c"
$CC -std=c11 -Iruntime -c "$tmp/gen.c" -o "$tmp/gen.o" 2>"$tmp/gen.err"
line=$(grep -m1 -o 'gen.c:[0-9]*' "$tmp/gen.err" | cut -d: -f2)
check "scaffolding error names gen.c (got: $(head -c 200 "$tmp/gen.err"))" '[ -n "$line" ]'
check "and that line holds the member" 'sed -n "${line}p" "$tmp/gen.c" | grep -q "struct nope s"'
"$COROC" --no-line "$tmp/bad.cy" -o "$tmp/bad2.c"
check "--no-line: no #line" '! grep -q "^#line" "$tmp/bad2.c"'

"$COROC" "$tmp/missing.cy" -o "$tmp/out.c" 2>"$tmp/err"; rc=$?
check "missing input: exit 1 (got $rc)" '[ $rc = 1 ]'
check "missing input: says so" 'grep -q "cannot open" "$tmp/err"'
check "missing input: no output" '[ ! -e "$tmp/out.c" ]'

mkdir "$tmp/ro" && chmod 500 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
    "$COROC" "$tmp/bad.cy" -o "$tmp/ro/out.c" 2>"$tmp/err"; rc=$?
    check "unwritable output: exit 1 (got $rc)" '[ $rc = 1 ]'
fi
"$COROC" "$tmp/bad.cy" -o "$tmp/no/such/dir/out.c" 2>"$tmp/err"; rc=$?
check "output in a missing directory: exit 1 (got $rc)" '[ $rc = 1 ]'
check "output in a missing directory: says so" 'grep -q "cannot write" "$tmp/err"'

# an error writes nothing: an existing output is left as it was (only a
# file this run created may be removed; see output_file.sh)
echo stale >"$tmp/out.c"
printf 'coroutine void f(void) { yield 1; }\n' >"$tmp/e.cy"
"$COROC" "$tmp/e.cy" -o "$tmp/out.c" 2>/dev/null; rc=$?
check "error: exit 1 (got $rc)" '[ $rc = 1 ]'
check "error: existing output untouched" '[ "$(cat "$tmp/out.c")" = stale ]'

# unknown option: usage error
"$COROC" --frobnicate "$tmp/bad.cy" -o "$tmp/x.c" 2>"$tmp/err"; rc=$?
check "unknown option: exit 2 (got $rc)" '[ $rc = 2 ]'

# binary input is refused, not crashed on
printf 'int x;\0garbage' >"$tmp/bin.cy"
"$COROC" "$tmp/bin.cy" -o "$tmp/x.c" 2>"$tmp/err"; rc=$?
check "binary input: exit 1 (got $rc)" '[ $rc = 1 ]'
exit $fail
