#!/usr/bin/env bash
# scripts/soak.sh - `make soak`: the long runtime tests, not part of
# `make check`.  Each prints one summary line; the exit status is 1 if any
# failed.
#
#   cancel   tests/soak/cancel.cy, ASan+UBSan with LeakSanitizer: SOAK_TASKS
#            tasks (default 1000000) cancelled at random points, every
#            cleanup run exactly once, nothing leaked
#   load     tests/soak/load.cy: SOAK_CONNS loopback connections (default
#            10000) held by SOAK_WORKERS client processes (default 20) for
#            SOAK_SECONDS (default 120), clients killed at random, bytes,
#            order and the server's fds checked
#   emfile   the same server limited to 64 fds: accept's EMFILE with a
#            back-off, then retried at once (the figures show the spin)
#   difftest `make difftest` when the Makefile has that target
#
# SOAK_SEED (default 1) seeds the random choices; SOAK_ONLY="cancel load"
# runs only those parts.  Binaries and logs go to SOAK_DIR (default
# build/soak/).  tests/cli/soak_smoke.sh runs a few seconds of it in
# `make check`, so that the soak programs keep building and passing.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
: "${B:=build}"
: "${COROC:=$B/coroc}"
: "${LIBA:=$B/libcoroc.a}"
: "${LIBSAN:=$B/san/libcoroc.a}"
: "${CC:=gcc}"
: "${SOAK_TASKS:=1000000}"
: "${SOAK_CONNS:=10000}"
: "${SOAK_WORKERS:=20}"
: "${SOAK_SECONDS:=120}"
: "${SOAK_SEED:=1}"
: "${SOAK_ONLY:=cancel load emfile difftest}"
S=${SOAK_DIR:-$B/soak}
mkdir -p "$S"
CFLAGS=(-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Iruntime -g)
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
failed=0

want() { case " $SOAK_ONLY " in *" $1 "*) return 0 ;; esac; return 1; }

build() {    # build NAME LIB FLAGS...
    local name=$1 lib=$2
    shift 2
    "$COROC" "tests/soak/$name.cy" -o "$S/$name.c" &&
        "$CC" "${CFLAGS[@]}" "$@" "$S/$name.c" "$lib" -lm -o "$S/$name"
}

part() {     # part NAME CMD...: run, keep its log, print its summary line
    local name=$1 rc
    shift
    "$@" >"$S/$name.log" 2>&1
    rc=$?
    grep '^soak ' "$S/$name.log" || echo "soak $name: FAILED: no summary (exit status $rc)"
    if [ $rc != 0 ]; then
        failed=1
        echo "    (exit status $rc; log: $S/$name.log)"
        tail -n 20 "$S/$name.log" | sed 's/^/    /'
    fi
}

echo "soak: $(nproc) cores, $(uname -sr), $(date -u '+%Y-%m-%d %H:%M UTC')"
if want cancel; then
    if build cancel "$LIBSAN" -O1 "${SAN[@]}"; then
        ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
            part cancel "$S/cancel" "$SOAK_TASKS" "$SOAK_SEED"
    else
        echo "soak cancel: FAILED: not built"; failed=1
    fi
fi
if want load || want emfile; then
    if build load "$LIBA" -O2; then
        want load && part load "$S/load" run "$SOAK_SECONDS" "$SOAK_CONNS" \
            "$SOAK_WORKERS" "$SOAK_SEED"
        if want emfile; then
            part emfile "$S/load" emfile backoff
            part emfile-spin "$S/load" emfile spin
        fi
    else
        echo "soak load: FAILED: not built"; failed=1
    fi
fi
if want difftest; then
    # The differential tester is another part of the project; this is its
    # slot (make difftest must end with its own summary line).
    if make -n difftest >/dev/null 2>&1; then
        make --no-print-directory difftest >"$S/difftest.log" 2>&1
        rc=$?
        echo "soak difftest: $([ $rc = 0 ] && echo ok || echo FAILED): $(tail -n 1 "$S/difftest.log")"
        [ $rc = 0 ] || failed=1
    else
        echo "soak difftest: skipped: the Makefile has no difftest target yet"
    fi
fi
exit $failed
