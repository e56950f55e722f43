#!/usr/bin/env bash
# The gdb extension (gdb/coroc_gdb.py), loaded by gdb itself from the
# .debug_gdb_scripts entry coroc writes: tests/gdb/session.gdb breaks on
# .cy lines inside and outside coroutines, steps across a yield, prints
# frame locals by their .cy names, an async backtrace three awaits deep and
# a loop's tasks; its output, addresses filtered, must equal
# tests/gdb/session.expected.  Exit 77 (SKIP) when gdb is not installed
# (scripts/deps.sh installs it for the tests).  GDB_SESSION_WRITE=1 rewrites
# the expected file from this run (then read its diff).
set -u
COROC=${COROC:-build/coroc}
command -v gdb >/dev/null 2>&1 || { echo "SKIP: gdb is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$COROC" tests/gdb/session.cy -o "$tmp/session.c" || exit 1
grep -q '\.debug_gdb_scripts' "$tmp/session.c" || { echo "FAIL: no .debug_gdb_scripts entry"; exit 1; }
gcc -std=c11 -g -O0 -Iruntime "$tmp/session.c" build/libcoroc.a -lm -o "$tmp/session" || exit 1
# -nx: no user configuration; the script directory is made safe to
# auto-load, nothing is sourced by hand
gdb -nx -batch -iex "add-auto-load-safe-path $PWD/gdb" -x tests/gdb/session.gdb \
    "$tmp/session" </dev/null >"$tmp/raw" 2>&1
# (a stop in the runtime's header: its line number and text left out, so
# that a change of coroc.h does not change this test)
sed -e 's/0x[0-9a-f]\{1,\}/0xADDR/g' -e 's/process [0-9]*/process N/' \
    -e '/ at runtime\/coroc\.h:[0-9]*$/{s/:[0-9]*$/:N/;n;s/.*/(its line)/;}' \
    -e '/^\[Thread debugging using libthread_db enabled\]$/d' \
    -e '/^Using host libthread_db library/d' "$tmp/raw" >"$tmp/out"
[ -n "${GDB_SESSION_WRITE:-}" ] && cp "$tmp/out" tests/gdb/session.expected
if ! diff -u tests/gdb/session.expected "$tmp/out"; then
    echo "FAIL: gdb session differs from tests/gdb/session.expected"
    exit 1
fi
