#!/usr/bin/env bash
# A coroutine's constructor takes its frame from malloc without zeroing it
# (cy_frame_alloc): NAME__init writes every member the generated code reads
# before writing it (the header, cy_errmsg, cy_reg, the parameters).  These
# run-tests cover the frame's bookkeeping members (cy_at and the defers of
# a cancellation, cy_caught, cy_errmsg, cy_reg and region frames, embedded
# children, awaited handles, cy_recv, pools, over-aligned frames); built
# -O0 and run under valgrind's memcheck, which reports a use of an
# uninitialised byte of the heap, each must print its NAME.out with no
# error.  Skipped when valgrind is not installed.
set -u
COROC=${COROC:-build/coroc}
CC=${CC:-gcc}
LIBA=${LIBA:-build/libcoroc.a}
VALGRIND=${VALGRIND:-valgrind}
command -v "$VALGRIND" >/dev/null || { echo "SKIP: no valgrind"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for name in adv2_region_throw_depths adv_cancel_in_try adv_try_loops defer_cancel \
            defer_cancel_loop defer_exits adv_recursion_throw adv_yield_types big_values \
            desc_big_recv recursion_region inline_awaits send_await \
            adv2_region_embedded_loop adv_types_and_order pool_aligned overaligned_frame; do
    src=tests/run/$name.cy
    [ -f "$src" ] || { echo "FAIL: $src is missing"; fail=1; continue; }
    if ! "$COROC" "$src" -o "$tmp/$name.c" 2>"$tmp/$name.log" ||
       ! "$CC" -std=c11 -Iruntime -Itests/run -O0 -g "$tmp/$name.c" "$LIBA" -lm -pthread \
            -o "$tmp/$name" 2>>"$tmp/$name.log"; then
        echo "FAIL: $name not built"; cat "$tmp/$name.log"; fail=1; continue
    fi
    args=()
    [ -f "tests/run/$name.args" ] && eval "args=( $(<"tests/run/$name.args") )"
    "$VALGRIND" -q --error-exitcode=99 "$tmp/$name" "${args[@]}" </dev/null \
        >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    if [ $rc != 0 ] || grep -q '^==[0-9]*==' "$tmp/$name.err"; then
        echo "FAIL: $name under valgrind (exit $rc)"; head -20 "$tmp/$name.err"; fail=1
    elif ! cmp -s "tests/run/$name.out" "$tmp/$name.out"; then
        echo "FAIL: $name: stdout differs from tests/run/$name.out"; fail=1
    fi
done
exit $fail
