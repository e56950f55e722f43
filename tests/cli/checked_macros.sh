#!/usr/bin/env bash
# CY_RESULT and CY_YIELDED check what they read unless NDEBUG is defined: a
# result read before the task finished, or a value read as a type of another
# size or kind, aborts with a message naming the task, the place and both
# types.  With NDEBUG they are the plain reads (no call of the checks).
set -u
COROC=${COROC:-build/coroc}
CC=${CC:-gcc}
LIBA=${LIBA:-build/libcoroc.a}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi; }

cat >"$tmp/m.cy" <<'CY'
#include <stdio.h>
#include <string.h>

coroutine(char) int letters(void) { yield 'a'; yield 'b'; return 7; }
coroutine void nothing(void) { }

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    cy_task *t = letters();
    if (!strcmp(what, "early"))
        printf("%c\n", CY_YIELDED(t, char));
    cy_task_step(t);
    printf("%c\n", CY_YIELDED(t, char));
    if (!strcmp(what, "yield-double"))
        printf("%f\n", CY_YIELDED(t, double));
    if (!strcmp(what, "unfinished"))
        printf("%d\n", CY_RESULT(t, int));
    while (cy_task_step(t) == 1)
        ;
    if (!strcmp(what, "result-double"))
        printf("%f\n", CY_RESULT(t, double));
    if (!strcmp(what, "result-float"))
        printf("%f\n", (double)CY_RESULT(t, float));
    /* integers of one size read as one another */
    printf("%d %u\n", CY_RESULT(t, int), CY_RESULT(t, unsigned));
    cy_task_free(t);
    cy_task *v = nothing();
    cy_task_step(v);
    if (!strcmp(what, "void"))
        printf("%d\n", CY_RESULT(v, int));
    cy_task_free(v);
    return 0;
}
CY
"$COROC" "$tmp/m.cy" -o "$tmp/m.c" || exit 1
$CC -std=c11 -Wall -Wextra -Werror -Iruntime "$tmp/m.c" "$LIBA" -o "$tmp/m" || exit 1

# run NAME EXPECTED_STATUS EXPECTED_STDERR_LINE
run() {
    local name=$1 want=$2 msg=$3 rc
    "$tmp/m" "$name" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check "$name: exit status $rc, expected $want" '[ "$rc" = "$want" ]'
    if [ -n "$msg" ]; then
        check "$name: stderr is '$(cat "$tmp/err")', expected '$msg'" '[ "$(cat "$tmp/err")" = "$msg" ]'
    fi
}
run ok 0 ""
check "ok: stdout" '[ "$(cat "$tmp/out")" = "a
7 7" ]'
run early 134 "$tmp/m.cy:12: CY_YIELDED(t, char): task 'letters' has not started: step it first"
run yield-double 134 "$tmp/m.cy:16: CY_YIELDED(t, double): task 'letters' yields char (1 byte, a char), not double (8 bytes)"
check "yield-double: what was printed before stays" '[ "$(cat "$tmp/out")" = a ]'
run unfinished 134 "$tmp/m.cy:18: CY_RESULT(t, int): task 'letters' is RUNNING: a result is there only once it is FINISHED"
run result-double 134 "$tmp/m.cy:22: CY_RESULT(t, double): task 'letters' returns int (4 bytes, a signed integer), not double (8 bytes)"
run result-float 134 "$tmp/m.cy:24: CY_RESULT(t, float): task 'letters' returns int (4 bytes, a signed integer), not float (4 bytes)"
run void 134 "$tmp/m.cy:31: CY_RESULT(v, int): task 'nothing' returns no value (void)"

# NDEBUG: the plain reads
$CC -std=c11 -Wall -Wextra -Werror -DNDEBUG -Iruntime -c "$tmp/m.c" -o "$tmp/nd.o" || exit 1
check "NDEBUG: no checked read" '! nm "$tmp/nd.o" | grep -q checked_'
$CC "$tmp/nd.o" "$LIBA" -o "$tmp/nd" || exit 1
check "NDEBUG: runs" '[ "$("$tmp/nd" ok)" = "a
7 7" ]'
exit $fail
