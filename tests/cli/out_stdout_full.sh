#!/usr/bin/env bash
# issue 9, "The output file": a failed write to standard output (-o - >/dev/full) says why on stderr.
. "$(dirname "$0")/out_common.bash"

# a failed write to standard output says why
if [ -w /dev/full ]; then
    "$COROC" "$tmp/ok.cy" -o - >/dev/full 2>"$tmp/err"; rc=$?
    check "-o - to /dev/full: exit 1 (got $rc)" '[ $rc = 1 ]'
    check "-o - to /dev/full: says why (got: $(head -c 200 "$tmp/err"))" \
        'grep -qi "no space" "$tmp/err"'
fi
exit $fail
