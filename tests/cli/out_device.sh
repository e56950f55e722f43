#!/usr/bin/env bash
# issue 9, "The output file": a character device named by -o stays a device (written directly, not replaced by a regular file), also after a failed run.
. "$(dirname "$0")/out_common.bash"

# a character device stays a device (a private node, never /dev/null itself)
if [ "$(id -u)" = 0 ] && mknod "$tmp/null" c 1 3 2>/dev/null; then
    "$COROC" "$tmp/ok.cy" -o "$tmp/null"; rc=$?
    check "device: exit 0 (got $rc)" '[ $rc = 0 ]'
    check "device: still a character device" '[ -c "$tmp/null" ]'
    "$COROC" "$tmp/bad.cy" -o "$tmp/null" 2>/dev/null
    check "device after a failed run: still a character device" '[ -c "$tmp/null" ]'
else
    echo "skip: device node (not root)"
fi
exit $fail
