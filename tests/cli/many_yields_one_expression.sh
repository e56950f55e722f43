#!/usr/bin/env bash
# The time coroc takes must grow linearly with the number of suspension
# points in one expression: it was quadratic (each operator's lowered text
# copied its operand's; 20 000 yields took about 25 s on the 2-core
# machine of docs/reliability.md).  An expression with 20 000 yields must
# translate in under 2 s, the bound of `make fuzz`.
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -c "print('coroutine(int, int) f(int x) { int r = x' + ' + (yield x)' * 20000 + '; return r; }')" >"$tmp/in.cy"
timeout 2 "$COROC" --no-cpp "$tmp/in.cy" -o "$tmp/out.c"
rc=$?
[ $rc = 0 ] || { echo "exit status $rc (124: over 2 s)"; exit 1; }
