#!/usr/bin/env bash
# One header of coroutine prototypes (tests/cli/multi_file/net.h, written
# with coroc.h's CY_COROUTINE) serves two .cy files, which await its
# coroutines with their result types, and a plain .c file, which sees the
# constructors; the program is built with gcc and clang and run.  A wrong
# prototype is caught: in the defining file, which includes the header, at
# compile time; in a file of its own, at the await, which fails.
# Expected output (expected.out) by hand: 1+2 = 3, 3+10 = 13; 1+2+3+4 +
# (20+22) = 52; the average of 10 and 20 is 15; doubled(3) yields the
# running sums of 0, 2, 4 and returns 6 + 1000.
set -u
COROC=${COROC:-build/coroc}
CC=${CC:-gcc}
CLANG=${CLANG:-clang}
LIBA=${LIBA:-build/libcoroc.a}
src=tests/cli/multi_file
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi; }

for f in add main other; do
    "$COROC" -Iruntime "$src/$f.cy" -o "$tmp/$f.c" || { echo "FAIL: coroc $f.cy"; exit 1; }
done
# the flags make check builds the examples with (tests/run-tests.sh)
strict=(-std=c11 -Wall -Wextra -Werror -Wshadow -Wconversion -Wsign-conversion -Wswitch-default
        -Wmissing-prototypes -Wstrict-prototypes -pedantic)
for cc in "$CC" "$CLANG"; do
    $cc "${strict[@]}" -I"$src" -Iruntime "$tmp/add.c" "$tmp/main.c" \
        "$tmp/other.c" "$src/plain.c" "$LIBA" -o "$tmp/prog" || { echo "FAIL: $cc build"; fail=1; continue; }
    "$tmp/prog" >"$tmp/out" 2>&1
    check "$cc: runs" '[ $? = 0 ]'
    check "$cc: output $(cat "$tmp/out")" 'diff -u "$src/expected.out" "$tmp/out"'
done
# main.cy has no prototype of its own: the header's gives the typed await
check "main.c copies add_slowly's int result" 'grep -q "cy_result_fits(cy_f->cy_aw1, sizeof cy_f->cy_t2" "$tmp/main.c"'

# a wrong prototype in a file of its own: the await fails with a message
"$COROC" "$src/wrong.cy" -o "$tmp/wrong.c" || exit 1
$CC "${strict[@]}" -I"$src" -Iruntime "$tmp/add.c" "$tmp/wrong.c" "$LIBA" -o "$tmp/wrong" || exit 1
out=$("$tmp/wrong")
check "wrong prototype: '$out'" \
    '[ "$out" = "ERROR -22 coroutine '"'"'add_slowly'"'"' does not return the double its prototype ($src/wrong.cy:4) says" ]'

# a header whose prototype disagrees with the definition: the defining
# file does not compile, and the message names both
mkdir "$tmp/bad"
sed 's/CY_COROUTINE(int) add_slowly/CY_COROUTINE(long) add_slowly/; s/CY_GENERATOR(void, int) count_to/CY_GENERATOR(void, char) count_to/' \
    "$src/net.h" >"$tmp/bad/net.h"
cp "$src/add.cy" "$tmp/bad/add.cy"
"$COROC" -Iruntime "$tmp/bad/add.cy" -o "$tmp/bad/add.c" || exit 1
! $CC -std=c11 -Iruntime -I"$tmp/bad" -c "$tmp/bad/add.c" -o "$tmp/bad/add.o" 2>"$tmp/bad/err"
check "mismatch: not compiled" '[ $? = 0 ]'
check "mismatch: result named at add.cy:5" \
    'grep -q "add.cy:5:.*coroutine .*add_slowly.* returns int here, but its prototype (.*net.h:9) says long" "$tmp/bad/err"'
check "mismatch: yield named at add.cy:16" \
    'grep -q "add.cy:16:.*coroutine .*count_to.* yields int here, but its prototype (.*net.h:11) says char" "$tmp/bad/err"'
# a typedef of the same type is the same type
sed 's/CY_COROUTINE(int) add_slowly/typedef int number; CY_COROUTINE(number) add_slowly/' "$src/net.h" >"$tmp/bad/net.h"
"$COROC" -Iruntime "$tmp/bad/add.cy" -o "$tmp/bad/add.c" || exit 1
check "a typedef of int agrees with int" '$CC -std=c11 -Wall -Wextra -Werror -Iruntime -I"$tmp/bad" -c "$tmp/bad/add.c" -o "$tmp/bad/add.o"'

# the keyword itself in a header: coroc reads it (the await is typed) and
# warns that the C compiler will not; a header that tests __COROC__ is not
# warned about
mkdir "$tmp/kw"
printf '#include <coroc.h>\ncoroutine int f(int a);\n' >"$tmp/kw/k.h"
printf '#include "k.h"\ncoroutine int g(void) { int x = await f(1); return x; }\n' >"$tmp/kw/k.cy"
"$COROC" -Iruntime "$tmp/kw/k.cy" -o "$tmp/kw/k.c" 2>"$tmp/kw/err"
check "keyword in a header: translated" '[ $? = 0 ]'
check "keyword in a header: typed await" 'grep -q "cy_result_fits" "$tmp/kw/k.c"'
check "keyword in a header: warned" \
    'grep -q "k.h:2: warning: coroutine .f. is declared with the keyword in a header" "$tmp/kw/err"'
printf '#include <coroc.h>\n#ifdef __COROC__\ncoroutine int f(int a);\n#else\ncy_task *f(int a);\n#endif\n' >"$tmp/kw/k.h"
"$COROC" -Iruntime "$tmp/kw/k.cy" -o "$tmp/kw/k.c" 2>"$tmp/kw/err"
check "guarded keyword: typed await, no warning" 'grep -q "cy_result_fits" "$tmp/kw/k.c" && [ ! -s "$tmp/kw/err" ]'
exit $fail
