#!/usr/bin/env bash
# issue 9: very deep nesting inside a coroutine (2 500 nested ifs, 10 000
# parentheses) is translated as gcc compiles it (today: "memory
# exhausted").  The expected output comes from the same program with the
# coroutine turned into a function, compiled by gcc.
set -u
COROC=${COROC:-build/coroc}
CC=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
LIB=$(dirname "$COROC")/libcoroc.a
gen() {    # gen cy|c IFS PARENS
    python3 - "$@" <<'PY'
import sys
kind, ifs, parens = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
co = kind == 'cy'
print('#include <stdio.h>')
print(('coroutine int' if co else 'static int') + ' f(int v)\n{\n    int r = 0;')
print('    ' + 'if (v > 0) { r++; ' * ifs + ('yield; ' if co else '') + 'r += 1000;' + ' }' * ifs)
print('    r += ' + '(' * parens + 'v' + ' + 1)' * parens + ';')
print('    return r;\n}')
if co:
    print('int main(void)\n{\n    cy_task *t = f(1);\n    while (cy_task_step(t) > 0)\n        ;\n'
          '    printf("%d\\n", CY_RESULT(t, int));\n    cy_task_free(t);\n    return 0;\n}')
else:
    print('int main(void)\n{\n    printf("%d\\n", f(1));\n    return 0;\n}')
PY
}
for spec in "2500 1" "1 10000"; do
    set -- $spec
    gen c "$1" "$2" >"$tmp/ref.c"
    gen cy "$1" "$2" >"$tmp/deep.cy"
    "$CC" -std=c11 "$tmp/ref.c" -o "$tmp/ref" || { echo "FAIL: the reference does not build"; exit 1; }
    want=$("$tmp/ref")
    if ! "$COROC" "$tmp/deep.cy" -o "$tmp/deep.c" 2>"$tmp/err"; then
        echo "FAIL: $1 ifs, $2 parentheses: coroc: $(head -n1 "$tmp/err")"; fail=1; continue
    fi
    if ! "$CC" -std=c11 -Iruntime "$tmp/deep.c" "$LIB" -o "$tmp/deep" 2>"$tmp/cc.err"; then
        echo "FAIL: $1 ifs, $2 parentheses: gcc: $(grep -m1 error "$tmp/cc.err")"; fail=1; continue
    fi
    got=$("$tmp/deep")
    [ "$got" = "$want" ] || { echo "FAIL: $1 ifs, $2 parentheses: got $got, expected $want"; fail=1; }
done
# past coroc's limit it must say that the nesting is too deep, not crash
gen cy 200000 1 >"$tmp/deeper.cy"
"$COROC" "$tmp/deeper.cy" -o "$tmp/deeper.c" 2>"$tmp/err"; rc=$?
if [ $rc != 0 ]; then
    if [ $rc != 1 ] || ! grep -q "nest" "$tmp/err"; then
        echo "FAIL: 200 000 nested ifs: exit $rc, $(head -c 200 "$tmp/err")"; fail=1
    fi
fi
exit $fail
