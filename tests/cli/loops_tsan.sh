#!/usr/bin/env bash
# One loop per thread under ThreadSanitizer: tests/unit/test_loops.c (posts
# and task hand-offs between loops on threads of their own, the eventfd
# wake-up shared with the thread pool) built with clang -fsanitize=thread
# together with the runtime's sources; any data race TSan reports fails.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CLANG:-clang}
command -v "$cc" >/dev/null || { echo "clang missing (scripts/deps.sh)" >&2; exit 1; }
"$cc" -fsanitize=thread -std=c11 -Wall -Wextra -Werror -g -O1 \
    -D_POSIX_C_SOURCE=200809L -Iruntime tests/unit/test_loops.c runtime/*.c \
    -lcmocka -lm -o "$tmp/test_loops"
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$tmp/test_loops" >"$tmp/log" 2>&1 || {
    cat "$tmp/log" >&2; exit 1; }
! grep -q 'WARNING: ThreadSanitizer' "$tmp/log"
