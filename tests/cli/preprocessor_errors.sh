#!/usr/bin/env bash
# A failing preprocessor run is an error that shows the preprocessor's own
# message, pointing at the .cy line, not a warning followed by a wrong
# parse; a quoted include never finds a stray file in /tmp.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "preprocessor_errors: $*" >&2; exit 1; }
printf '#include <stdio.h>\n\n#include "nosuch_header_x.h"\ncoroutine int g(void) { yield; return 1; }\n' > "$tmp/bad.cy"
"$COROC" "$tmp/bad.cy" -o "$tmp/bad.c" 2>"$tmp/err"; rc=$?
test $rc = 1 || fail "exit status $rc, expected 1"
test ! -e "$tmp/bad.c" || fail "an output was written"
grep -q "error: the preprocessor .* failed on the directives of $tmp/bad.cy" "$tmp/err" || fail "no error: $(cat "$tmp/err")"
grep -q "bad.cy:3:.*nosuch_header_x.h" "$tmp/err" || fail "the preprocessor's message does not point at line 3: $(cat "$tmp/err")"
# a preprocessor that cannot be run at all
"$COROC" --cpp=/nonexistent/cpp "$tmp/bad.cy" -o "$tmp/bad.c" 2>"$tmp/err"; rc=$?
test $rc = 1 || fail "a missing preprocessor: exit status $rc, expected 1"
# a stray header in /tmp is not found by a quoted include
mkdir -p "$tmp/src"
printf 'typedef int stray_t;\n' > /tmp/coroc_stray_probe.h
printf '#include "coroc_stray_probe.h"\ncoroutine int h(void) { yield; return 1; }\n' > "$tmp/src/s.cy"
"$COROC" "$tmp/src/s.cy" -o "$tmp/s.c" 2>"$tmp/err"; rc=$?
rm -f /tmp/coroc_stray_probe.h
test $rc = 1 || fail "a header in /tmp was found by a quoted include"
exit 0
