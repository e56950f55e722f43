#!/usr/bin/env bash
# 1000 errors on one 12 KB line: coroc answered in 17 s with 18 MB of
# stderr (each error printed the whole line and its caret).  It must answer
# within 2 s, the bound of `make fuzz`: it shows at most 50 errors
# (-fmax-errors) and of a long line only a window around the column.
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -c "print('coroutine(int) f(int x) { int r = x' + ' + (yield x)' * 1000 + '; return r; }')" >"$tmp/in.cy"
timeout 2 "$COROC" --no-cpp "$tmp/in.cy" -o "$tmp/out.c" 2>"$tmp/err"
rc=$?
[ $rc = 1 ] || { echo "exit status $rc, expected 1 (124: over 2 s)"; exit 1; }
[ ! -e "$tmp/out.c" ] || { echo "output file left"; exit 1; }
size=$(wc -c <"$tmp/err")
[ "$size" -lt 1000000 ] || { echo "$size bytes of errors"; exit 1; }
# a window of the line, not all of it
long=$(awk 'length > 200' "$tmp/err" | wc -l)
[ "$long" = 0 ] || { echo "$long lines over 200 bytes"; exit 1; }
grep -q '^coroc: error: too many errors (50)' "$tmp/err" || { echo "no notice of the cap"; exit 1; }
n=$(grep -c ': error: ' "$tmp/err")
[ "$n" = 51 ] || { echo "$n error lines, expected 50 and the notice"; exit 1; }
# -fmax-errors=0 shows them all
timeout 5 "$COROC" --no-cpp -fmax-errors=0 "$tmp/in.cy" -o "$tmp/out.c" 2>"$tmp/err"
n=$(grep -c ': error: ' "$tmp/err")
[ "$n" = 1000 ] || { echo "-fmax-errors=0: $n errors, expected 1000"; exit 1; }
exit 0
