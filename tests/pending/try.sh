#!/usr/bin/env bash
# tests/pending/try.sh [PATTERN] - run the pending tests against today's
# build/coroc and say which ones pass now (those can move to tests/run,
# tests/err or tests/cli).  Run from the repository root after `make`.
#   run/NAME.cy   translated, built with gcc (-std=c11 -Wall -Wextra -Werror)
#                 and run; stdout must equal NAME.out
#   err/NAME.cy   coroc must exit 1 and print exactly NAME.err
#   cli/NAME.sh   must exit 0
set -u
shopt -s nullglob
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
COROC=${COROC:-$ROOT/build/coroc}
CC=${CC:-gcc}
pat=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
verdict() { if [ "$1" = PASS ]; then pass=$((pass+1)); else fail=$((fail+1)); fi
            printf '%s %s%s\n' "$1" "$2" "${3:+ ($3)}"; }
for cy in tests/pending/run/*.cy; do
    case $cy in *"$pat"*) ;; *) continue ;; esac
    b=$(basename "$cy" .cy) d=$(dirname "$cy")
    if ! timeout 60 "$COROC" "$cy" -o "$tmp/$b.c" >"$tmp/$b.log" 2>&1; then
        verdict FAIL "$cy" "coroc: $(head -n1 "$tmp/$b.log")"; continue
    fi
    if ! "$CC" -std=c11 -Wall -Wextra -Werror -Iruntime -I"$d" "$tmp/$b.c" \
            build/libcoroc.a -lm -o "$tmp/$b" >"$tmp/$b.log" 2>&1; then
        verdict FAIL "$cy" "gcc: $(grep -m1 'error' "$tmp/$b.log")"; continue
    fi
    timeout 30 "$tmp/$b" >"$tmp/$b.stdout" 2>"$tmp/$b.stderr" </dev/null
    rc=$?
    if [ $rc != 0 ]; then verdict FAIL "$cy" "exit $rc"; continue; fi
    if ! cmp -s "$tmp/$b.stdout" "$d/$b.out"; then
        verdict FAIL "$cy" "wrong output"; continue
    fi
    verdict PASS "$cy"
done
for cy in tests/pending/err/*.cy; do
    case $cy in *"$pat"*) ;; *) continue ;; esac
    b=$(basename "$cy" .cy)
    timeout 60 "$COROC" "$cy" -o "$tmp/$b.c" >/dev/null 2>"$tmp/$b.err"
    rc=$?
    if [ $rc != 1 ]; then verdict FAIL "$cy" "exit $rc, expected 1"
    elif ! cmp -s "$tmp/$b.err" "${cy%.cy}.err"; then
        verdict FAIL "$cy" "refused, but not with the expected message"
    else verdict PASS "$cy"; fi
done
for sh in tests/pending/cli/*.sh; do
    case $sh in *"$pat"*) ;; *) continue ;; esac
    if COROC=$COROC timeout 120 bash "$sh" >"$tmp/cli.log" 2>&1; then
        verdict PASS "$sh"
    else
        verdict FAIL "$sh" "$(grep -m1 FAIL "$tmp/cli.log")"
    fi
done
echo "pending: $pass pass now, $fail still fail"
