#!/usr/bin/env bash
# issue 9: a failing preprocessor run (a missing header, an #error) is an
# error: exit 1, the preprocessor's own message on stderr, no output file;
# not a warning followed by a parse that lacks the header's typedefs.
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi; }

cat >"$tmp/missing.cy" <<'CY'
#include "no_such_header_here.h"
coroutine int f(void) { yield; return 1; }
CY
"$COROC" "$tmp/missing.cy" -o "$tmp/missing.c" 2>"$tmp/err"; rc=$?
check "missing header: exit 1 (got $rc)" '[ $rc = 1 ]'
check "missing header: the preprocessor's message (got: $(head -c 300 "$tmp/err"))" \
    'grep -q "no_such_header_here.h: No such file" "$tmp/err"'
check "missing header: no output file" '[ ! -e "$tmp/missing.c" ]'

cat >"$tmp/error.cy" <<'CY'
#ifndef NEEDED
#error NEEDED must be defined
#endif
coroutine int f(void) { yield; return 1; }
CY
"$COROC" "$tmp/error.cy" -o "$tmp/error.c" 2>"$tmp/err"; rc=$?
check "#error: exit 1 (got $rc)" '[ $rc = 1 ]'
check "#error: its message (got: $(head -c 300 "$tmp/err"))" \
    'grep -q "NEEDED must be defined" "$tmp/err"'
"$COROC" -DNEEDED "$tmp/error.cy" -o "$tmp/error.c" 2>"$tmp/err"; rc=$?
check "#error not reached with -DNEEDED: exit 0 (got $rc)" '[ $rc = 0 ]'
exit $fail
