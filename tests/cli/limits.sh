#!/usr/bin/env bash
# Limits are reported as limits: 65534 resume points fit in a frame's
# 16-bit state (0xFFFF is CY_STATE_CANCEL), 65535 are refused.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() { # gen N: a coroutine with N yields
    { echo 'coroutine void many(void)'; echo '{'
      for ((i = 0; i < $1; i++)); do echo '    yield;'; done
      echo '}'; } > "$tmp/many.cy"
}
gen 65534
"$COROC" --no-cpp "$tmp/many.cy" -o "$tmp/ok.c"
grep -q 'case 65534: goto cy_resume_65534;' "$tmp/ok.c"
gen 65535
if "$COROC" --no-cpp "$tmp/many.cy" -o "$tmp/bad.c" 2>"$tmp/err"; then
    echo "65535 suspension points were accepted" >&2; exit 1
fi
grep -q "has 65535 suspension points; at most 65534 fit" "$tmp/err"
test ! -e "$tmp/bad.c"
