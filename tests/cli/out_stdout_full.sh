#!/usr/bin/env bash
# issue 9, "The output file": a failed write to standard output (-o - >/dev/full) says why on stderr.
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

# a failed write to standard output says why
if [ -w /dev/full ]; then
    "$COROC" "$tmp/ok.cy" -o - >/dev/full 2>"$tmp/err"; rc=$?
    check "-o - to /dev/full: exit 1 (got $rc)" '[ $rc = 1 ]'
    check "-o - to /dev/full: says why (got: $(head -c 200 "$tmp/err"))" \
        'grep -qi "no space" "$tmp/err"'
fi
exit $fail
