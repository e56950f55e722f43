#!/usr/bin/env bash
# Command-line basics: a usage error exits 2 and says so on stderr,
# --help and --version exit 0 and print to stdout.
# shellcheck disable=SC2016  # conditions are eval'ed later
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check DESCRIPTION CONDITION...
    if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi
}

"$COROC" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?
check "no arguments: exit 2 (got $rc)" '[ $rc = 2 ]'
check "no arguments: a message on stderr" '[ -s "$tmp/err" ]'

"$COROC" --help >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?
check "--help: exit 0 (got $rc)" '[ $rc = 0 ]'
check "--help: usage on stdout" 'grep -qi usage "$tmp/out"'

"$COROC" --version >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?
check "--version: exit 0 (got $rc)" '[ $rc = 0 ]'
check "--version: prints a version" 'grep -q "[0-9]\.[0-9]" "$tmp/out"'

exit $fail
