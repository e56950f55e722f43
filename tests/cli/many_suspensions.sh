#!/usr/bin/env bash
# issue 9: 65 536 suspension points in one coroutine must not collide with
# CY_STATE_CANCEL (0xFFFF in a 16-bit state): coroc either refuses the
# coroutine with a diagnostic (exit 1), or emits code in which no resume
# point uses the cancel state's number and that gcc compiles without a
# warning (-Werror: a state that does not fit its field warns).  Running
# the program is left out: gcc needs minutes for a function this large.
set -u
COROC=${COROC:-build/coroc}
CC=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
N=65536
python3 - "$N" >"$tmp/many.cy" <<'PY'
import sys
n = int(sys.argv[1])
print('coroutine int f(void)\n{\n    int k = 0;')
for _ in range(n):
    print('    k++; yield;')
print('    return k;\n}')
PY
"$COROC" "$tmp/many.cy" -o "$tmp/many.c" 2>"$tmp/err"; rc=$?
if [ $rc = 1 ]; then
    grep -q 'error:' "$tmp/err" || { echo "FAIL: refused without a diagnostic"; exit 1; }
    echo "refused with a diagnostic: $(head -n1 "$tmp/err")"
    exit 0
fi
[ $rc = 0 ] || { echo "FAIL: coroc exit $rc"; exit 1; }
cancel=$(sed -n 's/^#define CY_STATE_CANCEL \(0x[0-9A-Fa-f]*\).*/\1/p' runtime/*.h | head -n1)
cancel=$((cancel))
if grep -Eq "state = $cancel;" "$tmp/many.c"; then
    echo "FAIL: a resume point has the state $cancel, CY_STATE_CANCEL"; exit 1
fi
"$CC" -std=c11 -Wall -Wextra -Werror -Iruntime -fsyntax-only "$tmp/many.c" 2>"$tmp/cc.err" ||
    { echo "FAIL: gcc: $(grep -m1 -E 'error|warning' "$tmp/cc.err")"; exit 1; }
echo ok
