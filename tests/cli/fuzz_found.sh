#!/usr/bin/env bash
# Inputs AFL++ reported (make fuzz, tests/fuzz/found/): each must translate
# or be refused (exit status 0 or 1, no output file after 1) within 2 s,
# with --no-cpp as the fuzzer ran them.  hang_2026-12-02_a.cy was reported
# as a hang by a run on a machine under load 20 (AFL's limit: 2 s); it
# takes 0.00 s plain and 0.03 s under ASan+UBSan: kept so that it stays so.
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for f in tests/fuzz/found/*.cy; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    rm -f "$tmp/out.c"
    timeout 2 "$COROC" --no-cpp "$f" -o "$tmp/out.c" >/dev/null 2>&1
    rc=$?
    if [ $rc != 0 ] && [ $rc != 1 ]; then
        echo "FAIL: $f: exit status $rc (124: over 2 s)"; fail=1
    elif [ $rc = 1 ] && [ -e "$tmp/out.c" ]; then
        echo "FAIL: $f: an output file after exit status 1"; fail=1
    fi
done
[ $n -gt 0 ] || { echo "FAIL: no input in tests/fuzz/found"; fail=1; }
exit $fail
