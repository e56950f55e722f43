#!/usr/bin/env bash
# issue 9, found by make realc: a file preprocessed with its #defines kept
# (gcc -E -P -dD, as make realc's coroutines-pp check makes it: every header
# expanded, its guard macros defined) with a coroutine appended.  coroc puts
# its runtime header after that expansion (the file defines max_align_t
# itself), where <stddef.h> is not expanded again (it was before the file's
# first line: "conflicting types for 'max_align_t'").  The expected output is the same program's
# without coroc.  The preprocessed text is made at test time from this
# machine's headers, never stored.
set -u
COROC=${COROC:-build/coroc}
CC=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/prog.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <stddef.h>
static size_t twice(const char *s) { return 2 * strlen(s); }
C
"$CC" -std=gnu11 -E -P -dD "$tmp/prog.c" >"$tmp/pp.c" || exit 1
cp "$tmp/pp.c" "$tmp/ref.c"
cat >>"$tmp/pp.c" <<'CY'
coroutine int f(const char *s)
{
    size_t n = twice(s);
    yield;
    return (int)n;
}
int main(void)
{
    cy_task *t = f("abcd");
    while (cy_task_step(t) > 0)
        ;
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
CY
cat >>"$tmp/ref.c" <<'C'
static int f(const char *s) { size_t n = twice(s); return (int)n; }
int main(void) { printf("%d\n", f("abcd")); return 0; }
C
"$CC" -std=gnu11 "$tmp/ref.c" -o "$tmp/ref" || exit 1
want=$("$tmp/ref")
mv "$tmp/pp.c" "$tmp/pp.cy"
"$COROC" --no-cpp "$tmp/pp.cy" -o "$tmp/out.c" || { echo "FAIL: coroc refused it"; exit 1; }
"$CC" -std=gnu11 -Iruntime "$tmp/out.c" "$(dirname "$COROC")/libcoroc.a" -o "$tmp/prog" 2>"$tmp/cc.err" ||
    { echo "FAIL: gcc: $(grep -m1 error "$tmp/cc.err")"; exit 1; }
got=$("$tmp/prog")
[ "$got" = "$want" ] || { echo "FAIL: got $got, expected $want"; exit 1; }
echo ok
