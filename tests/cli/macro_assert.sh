#!/usr/bin/env bash
# issue 10: assert in a coroutine body reports the condition as written
# (x > 0, not cy_f->x > 0), the .cy file and line, and the coroutine's
# name (not NAME__resume), with gcc and clang
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi; }

cat >"$tmp/as.cy" <<'CY'
#include <assert.h>
#include <stdio.h>

coroutine int check_positive(int x)
{
    yield;
    assert(x > 0);
    yield;
    assert(x > 1);
    return x;
}

int main(void)
{
    cy_task *t = check_positive(1);
    while (cy_task_step(t) > 0)
        puts("step"), fflush(stdout);
    cy_task_free(t);
    return 0;
}
CY
"$COROC" "$tmp/as.cy" -o "$tmp/as.c"; rc=$?
check "translation: exit 0 (got $rc)" '[ $rc = 0 ]'
for cc in gcc clang; do
    command -v $cc >/dev/null || continue
    $cc -std=c11 -Wall -Wextra -Werror -Iruntime "$tmp/as.c" "${LIBA:-build/libcoroc.a}" -lm -o "$tmp/as" 2>"$tmp/cc.err"
    check "$cc builds it: $(head -n3 "$tmp/cc.err")" '[ -x "$tmp/as" ]'
    { "$tmp/as" >"$tmp/out" 2>"$tmp/err"; rc=$?; } 2>/dev/null
    check "$cc: the second assert fails (exit $rc)" '[ $rc != 0 ]'
    check "$cc: the first assert holds" '[ "$(cat "$tmp/out")" = "$(printf "step\nstep")" ]'
    check "$cc: message names the .cy line, the coroutine and x > 1: $(cat "$tmp/err")" \
        'grep -q "as.cy:9: check_positive: Assertion .x > 1. failed" "$tmp/err"'
    rm -f "$tmp/as"
done
exit $fail
