#!/usr/bin/env bash
# A C compiler's message about code inside a coroutine names the .cy line
# and column the user wrote, as for code outside one (#line keeps lines;
# coroc keeps columns by breaking a line where it inserts text, e.g. the
# cy_f-> of a frame local).  The reference: the same file with the
# coroutine words blanked out (same lines, same columns), compiled as
# plain C by the same compiler.
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cat >"$tmp/cols.cy" <<'CY'
#include <stdio.h>

static int plain(int a) { return a; }

static int before(int n)
{
    char *name = "x";
    int total = plain(name);
    return total + n;
}

coroutine int f(int n)
{
    int total = 0;
    char *name = "x";
    int early = name;
    yield;
    total = total + plain(name);
	total += n; total = name; int  late = name;
    printf("%d\n", name);
    for (int i = 0; i < n; i++) {
        yield;
        total = plain(name) + i;
    }
    return total + early + late;
}

int after(int n)
{
    char *name = "x";
    int total = plain(name);
    return total + n;
}
CY
"$COROC" "$tmp/cols.cy" -o "$tmp/cols.c" || exit 1
# the same text, coroutine and yield blanked: what a C compiler says of it
sed -e 's/^coroutine /          /' -e 's/\byield;/     ;/' "$tmp/cols.cy" >"$tmp/ref.c"
# Compared: every warning but two kinds.  gcc places a format warning at
# the start of the string, not at the conversion, in any file with #line
# (plain C with a #line too); and a frame local's initialisation becomes
# an assignment (cy_f->x = ...), reported at its '=' (checked below).
for cc in gcc clang; do
    command -v $cc >/dev/null || continue
    $cc -std=c11 -Wall -Iruntime -c "$tmp/cols.c" -o /dev/null 2>"$tmp/$cc.got.log"
    $cc -std=c11 -Wall -c "$tmp/ref.c" -o /dev/null 2>"$tmp/$cc.ref.log"
    # line:col: warning: text (the file name left out)
    for k in got ref; do
        grep -o '^[^ ]*:[0-9]*:[0-9]*: warning: .*' "$tmp/$cc.$k.log" | sed 's/^[^:]*://' |
            grep -v 'format' >"$tmp/$cc.$k.all"
    done
    grep -v 'initiali' "$tmp/$cc.ref.all" >"$tmp/$cc.ref"
    # the two frame locals initialised with a pointer: early (line 16, its
    # '=' at byte 15) and late (line 19, its '=' at byte 38, after a tab:
    # gcc counts a tab as up to 8 columns, clang as 1)
    [ $cc = gcc ] && late=45 || late=38
    for at in 16:15 19:$late; do
        grep -q "^$at: warning: .*assign" "$tmp/$cc.got.all" ||
            { echo "FAIL: $cc: no assignment warning at $at"; fail=1; }
    done
    grep -v "^16:15: \|^19:$late: " "$tmp/$cc.got.all" >"$tmp/$cc.got"
    # inside a call's parentheses no line is broken (the callee may be a
    # macro in the C compiler's configuration, where a directive is
    # undefined behaviour): a frame local there is cy_f->name on one line,
    # and gcc, which points at its '->', names a column 4 to the right
    # (clang points at its start, which stays in place)
    if [ $cc = gcc ]; then
        for at in 18:27 23:23; do
            grep -q "^${at%:*}:$(( ${at#*:} + 4 )): warning: passing argument" "$tmp/$cc.got" ||
                { echo "FAIL: gcc: no warning at ${at%:*}:$(( ${at#*:} + 4 ))"; fail=1; }
            sed -i "/^${at%:*}:/d" "$tmp/$cc.got" "$tmp/$cc.ref"
        done
    fi
    n=$(wc -l <"$tmp/$cc.ref")
    if [ "$n" -lt 4 ]; then
        echo "FAIL: $cc: only $n warnings on the reference"; fail=1
    elif ! diff -u "$tmp/$cc.ref" "$tmp/$cc.got"; then
        echo "FAIL: $cc: lines and columns differ from the plain C reference"; fail=1
    fi
done
# a known column, by hand: the argument of plain() on line 18, inside the
# coroutine after a yield (gcc's, 18:31, is checked above)
grep -q '^18:27: warning' "$tmp/clang.got" || { echo "FAIL: clang: no 18:27"; fail=1; }
exit $fail
