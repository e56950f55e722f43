#!/usr/bin/env bash
# issue 9, "The output file": a failed run removes only an output file it created itself.
. "$(dirname "$0")/out_common.bash"

# a failed run keeps a file it did not create
echo "precious" >"$tmp/keep.c"
"$COROC" "$tmp/bad.cy" -o "$tmp/keep.c" 2>/dev/null; rc=$?
check "failed run: exit 1 (got $rc)" '[ $rc = 1 ]'
check "failed run: an existing output survives" '[ "$(cat "$tmp/keep.c" 2>/dev/null)" = precious ]'
"$COROC" "$tmp/bad.cy" -o "$tmp/new.c" 2>/dev/null
check "failed run: a file it created is removed" '[ ! -e "$tmp/new.c" ]'
exit $fail
