#!/usr/bin/env bash
# issue 9, found by make realc: a preprocessed file (every header already
# expanded) with a coroutine appended, in both forms:
#   gcc -E -P -dD  the headers' macros kept, their include guards defined;
#   gcc -E -P      no macro left, so including <stddef.h> again would
#                  declare max_align_t twice ("conflicting types").
# coroc puts its runtime header after the expansion (the file defines
# max_align_t itself), and in the second form tells coroc_gen.h not to read
# <stddef.h> again (CY_PREPROCESSED_).  The expected output is the same
# program's without coroc.  The preprocessed text is made at test time from
# this machine's headers, never stored.
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
status=0
for mode in "-P -dD" "-P"; do
    # shellcheck disable=SC2086 # two flags
    "$CC" -std=gnu11 -E $mode "$tmp/prog.c" >"$tmp/pp.c" || exit 1
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
    "$CC" -std=gnu11 "$tmp/ref.c" -o "$tmp/ref" 2>/dev/null || exit 1
    want=$("$tmp/ref")
    mv "$tmp/pp.c" "$tmp/pp.cy"
    if ! "$COROC" --no-cpp "$tmp/pp.cy" -o "$tmp/out.c"; then
        echo "FAIL ($mode): coroc refused it"; status=1; continue
    fi
    if ! "$CC" -std=gnu11 -Iruntime "$tmp/out.c" "$(dirname "$COROC")/libcoroc.a" -o "$tmp/prog" 2>"$tmp/cc.err"; then
        echo "FAIL ($mode): $CC: $(grep -m1 error "$tmp/cc.err")"; status=1; continue
    fi
    got=$("$tmp/prog")
    if [ "$got" != "$want" ]; then
        echo "FAIL ($mode): got $got, expected $want"; status=1; continue
    fi
done
[ $status = 0 ] && echo ok
exit $status
