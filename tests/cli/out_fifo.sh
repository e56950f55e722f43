#!/usr/bin/env bash
# issue 9, "The output file": a FIFO named by -o is written directly, not replaced.
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi; }

cat >"$tmp/ok.cy" <<'CY'
coroutine int f(void) { yield; return 1; }
CY
cat >"$tmp/bad.cy" <<'CY'
coroutine int f(void) { yield 1; return 1; }
CY
cp "$tmp/bad.cy" "$tmp/bad.orig"

# a FIFO is written directly, not replaced
mkfifo "$tmp/fifo"
timeout 5 cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
timeout 5 "$COROC" "$tmp/ok.cy" -o "$tmp/fifo"; rc=$?
wait "$reader"
check "fifo: exit 0 (got $rc)" '[ $rc = 0 ]'
check "fifo: still a FIFO" '[ -p "$tmp/fifo" ]'
check "fifo: the translation came through" 'grep -q f__resume "$tmp/fifo.out"'
exit $fail
