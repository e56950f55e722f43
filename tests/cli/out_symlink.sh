#!/usr/bin/env bash
# issue 9, "The output file": -o through a symlink writes its target and keeps the link.
. "$(dirname "$0")/out_common.bash"

# a symlink is followed: the link stays, its target gets the translation
echo old >"$tmp/target.c"
ln -s target.c "$tmp/link.c"
"$COROC" "$tmp/ok.cy" -o "$tmp/link.c"; rc=$?
check "symlink: exit 0 (got $rc)" '[ $rc = 0 ]'
check "symlink: still a symlink" '[ -L "$tmp/link.c" ]'
check "symlink: the target holds the translation" 'grep -q f__resume "$tmp/target.c"'
exit $fail
