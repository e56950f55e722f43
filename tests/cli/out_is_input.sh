#!/usr/bin/env bash
# issue 9, "The output file": an output that is the input (or a symlink to it) is refused and the input kept.
. "$(dirname "$0")/out_common.bash"
cp "$tmp/bad.cy" "$tmp/bad.orig"

# the output is the input: refused, the input untouched
"$COROC" "$tmp/bad.cy" -o "$tmp/bad.cy" 2>"$tmp/err"; rc=$?
check "output = input: exit 2, a usage error (got $rc)" '[ $rc = 2 ]'
check "output = input: the source survives" 'cmp -s "$tmp/bad.cy" "$tmp/bad.orig"'
cp "$tmp/ok.cy" "$tmp/ok.orig"
"$COROC" "$tmp/ok.cy" -o "$tmp/ok.cy" 2>"$tmp/err"; rc=$?
check "output = input (valid source): exit 2, a usage error (got $rc)" '[ $rc = 2 ]'
check "output = input (valid source): the source survives" 'cmp -s "$tmp/ok.cy" "$tmp/ok.orig"'
ln -s ok.cy "$tmp/alias.c"
"$COROC" "$tmp/ok.cy" -o "$tmp/alias.c" 2>"$tmp/err"; rc=$?
check "output is a symlink to the input: exit 2, a usage error (got $rc)" '[ $rc = 2 ]'
check "output is a symlink to the input: the source survives" 'cmp -s "$tmp/ok.cy" "$tmp/ok.orig"'
exit $fail
