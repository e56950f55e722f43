#!/usr/bin/env bash
# tests/pending/refout.sh DIR/NAME.cy... - derive NAME.out without coroc.
#
# Each run-test written for issue 9 has a plain-C twin NAME.ref.c: the same
# program with the coroutine machinery removed (a yield becomes a step
# count, an await a call, a driver loop a plain call).  This script compiles
# the twin with gcc and writes its standard output to NAME.out, so that no
# expected value is ever typed by hand.  Run it from the repository root.
# With NAME.cfg (configurations, see tests/run-tests.sh), the twin is built
# once per line "CFG FLAGS..." with those flags, writing NAME.CFG.out.
set -eu
CC=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for cy in "$@"; do
    stem=${cy%.cy}
    ref=$stem.ref.c
    [ -f "$ref" ] || { echo "refout: no $ref" >&2; exit 1; }
    if [ -f "$stem.cfg" ]; then
        sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$stem.cfg" | grep -v '^[[:space:]]*$' |
        while read -r cfg flags; do
            # shellcheck disable=SC2086
            "$CC" -std=c11 -Wall -Wextra -Werror -O1 $flags "$ref" -o "$tmp/ref" -lm
            "$tmp/ref" >"$stem.$cfg.out"
            echo "refout: $stem.$cfg.out ($(wc -l <"$stem.$cfg.out") lines)"
        done
        continue
    fi
    "$CC" -std=c11 -Wall -Wextra -Werror -O1 "$ref" -o "$tmp/ref" -lm
    "$tmp/ref" >"$stem.out"
    echo "refout: $stem.out ($(wc -l <"$stem.out") lines)"
done
