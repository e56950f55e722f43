#!/usr/bin/env bash
# Pending (needs a compiler fix): a frame's resume point is a uint16_t and
# 0xFFFF is CY_STATE_CANCEL, so a coroutine has at most 65 534 suspension
# points.  coroc translates one with 65 535 without a word; the C compiler
# then fails with "duplicate case value" (case CY_STATE_CANCEL), and past
# 65 535 the stored state would wrap.  coroc must refuse it itself: status
# 1, no output file, a message that names the limit.  Run as a tests/cli
# script (COROC set); move it to tests/cli/ once it passes.
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -c "print('coroutine void f(void) { ' + 'yield; ' * 65535 + '}')" >"$tmp/in.cy"
timeout 10 "$COROC" --no-cpp "$tmp/in.cy" -o "$tmp/out.c" 2>"$tmp/err"
rc=$?
[ $rc = 1 ] || { echo "exit status $rc, expected 1"; exit 1; }
[ ! -e "$tmp/out.c" ] || { echo "output file left"; exit 1; }
grep -qi 'suspension\|resume point\|too many' "$tmp/err" ||
    { echo "the message does not name the limit:"; head -c 300 "$tmp/err"; exit 1; }
