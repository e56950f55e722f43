#!/usr/bin/env bash
# issue 9, "The output file": a FIFO named by -o is written directly, not replaced.
. "$(dirname "$0")/out_common.bash"

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
