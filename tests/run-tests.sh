#!/usr/bin/env bash
# tests/run-tests.sh - coroc's test harness (normally run by `make check` and
# `make examples`, which build what it needs first).
#
#   tests/run-tests.sh --all        every test below
#   tests/run-tests.sh --examples   examples/*.cy, gcc build only
#   tests/run-tests.sh --all PATTERN...   only tests whose file path contains
#                                   one of the patterns (e.g. tic_tac err/)
#
# Kinds of tests (all found by wildcard):
#   tests/unit/test_*.c  cmocka tests linked with libcoroc; each is run plain,
#                        under valgrind, and built and run with ASan+UBSan.
#   tests/run/*.cy, examples/*.cy, examples/*/*.cy
#                        translated by coroc, compiled with gcc, with clang
#                        (linked to libcoroc.so) and with gcc+ASan+UBSan, run
#                        (the examples with STRICT_CFLAGS too: -Wshadow,
#                        -Wconversion, -pedantic, ...);
#                        stdout must equal NAME.out.  Optional: NAME.args
#                        (command-line arguments, shell-quoted), NAME.stdin
#                        (standard input, else /dev/null), NAME.status
#                        (expected exit status, else 0).
#                        NAME.cfg: one translation built in several
#                        configurations (conditionals in coroutine bodies):
#                        each line "CFG FLAGS..." (blank lines and # comments
#                        skipped) names a configuration and the compiler
#                        flags (-D/-U) it adds; each is built three ways and
#                        its stdout must equal NAME.CFG.out (NAME.out is not
#                        used).  tests/pending/refout.sh writes each
#                        NAME.CFG.out from NAME.ref.c built with the flags.
#   tests/emit/*.cy      coroc --no-line output must equal NAME.c byte for
#                        byte (cproc-style goldens), and NAME.c must compile;
#                        UPDATE_GOLDENS=1 (make goldens) rewrites NAME.c.
#   tests/fault/*.cy     fault injection: translated, linked with
#                        tests/fault/fault.c and -Wl,--wrap=malloc (and
#                        calloc, realloc, aligned_alloc, free), built with
#                        gcc (run plain and under valgrind) and with
#                        ASan+UBSan; each fails every allocation in turn
#                        (tests/fault/fault.h); stdout must equal NAME.out.
#   tests/err/*.cy       coroc must exit 1, leave no output file, and print
#                        exactly NAME.err on stderr (paths as tests/err/X.cy).
#   tests/cli/*.sh       run with bash from the repo root, COROC set to the
#                        compiler; exit status 0 passes, 77 skips (a SKIP
#                        line: a tool it needs is not installed).
#   tests/install/run.sh `make install` into a temporary prefix, then the
#                        sample project built with the make include, CMake
#                        (Makefile and Ninja generators) and pkg-config
#                        against it only; exit status 0 passes.
#   bench/run.sh         if present, `bench/run.sh --smoke` must exit 0.
#   tests/difftest/      if present, a quick differential run (DIFFTEST_SEEDS
#                        seeds, 200 by default, families that fail on today's
#                        compiler skipped, named in the PASS line) must pass.
#
# One line per test, "PASS name" or "FAIL name" (failures followed by their
# details), and a last line "N passed, M failed".  Exit status 1 on failure.
#
# Environment (set by the Makefile; defaults below): COROC LIBA LIBSO LIBSAN
# CC CLANG VALGRIND JOBS UNIT_CPPFLAGS RUN_TIMEOUT VALGRIND_TIMEOUT
# INSTALL_TIMEOUT.

set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2

: "${B:=build}"
: "${COROC:=$B/coroc}"
: "${LIBA:=$B/libcoroc.a}"
: "${LIBSO:=$B/libcoroc.so}"
: "${LIBSAN:=$B/san/libcoroc.a}"
: "${CC:=gcc}"
: "${CLANG:=clang}"
: "${VALGRIND:=valgrind}"
: "${JOBS:=$(nproc 2>/dev/null || echo 2)}"
: "${UNIT_CPPFLAGS:=-D_POSIX_C_SOURCE=200809L}"
: "${RUN_TIMEOUT:=30}"
: "${VALGRIND_TIMEOUT:=300}"
: "${BENCH_TIMEOUT:=300}"
: "${INSTALL_TIMEOUT:=300}"
: "${DIFFTEST_SEEDS:=200}"
: "${DIFFTEST_TIMEOUT:=300}"
# feature families the quick run leaves out because today's compiler fails
# them (docs/reliability.md lists the failures); the full run is
# `make difftest`
: "${DIFFTEST_QUICK_SKIP:=cond,unsized_tricky}"
abspath() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s' "$ROOT/$1" ;; esac; }
# Error tests run coroc exactly as given (build/coroc, from the repo root);
# everything else gets absolute paths (bench and cli scripts may cd).
: "${COROC_AS_GIVEN:=$COROC}"
COROC=$(abspath "$COROC") LIBA=$(abspath "$LIBA") LIBSO=$(abspath "$LIBSO")
LIBSAN=$(abspath "$LIBSAN")
export COROC_AS_GIVEN B COROC LIBA LIBSO LIBSAN CC CLANG VALGRIND UNIT_CPPFLAGS \
       RUN_TIMEOUT VALGRIND_TIMEOUT BENCH_TIMEOUT INSTALL_TIMEOUT DIFFTEST_SEEDS \
       DIFFTEST_TIMEOUT DIFFTEST_QUICK_SKIP

RES=$B/tests/results
TEST_CFLAGS=(-std=c11 -Wall -Wextra -Werror -Iruntime)
# The examples are built stricter: the generated code must stay clean under
# these whenever the user's own code is (docs/generated-code.md).
STRICT_CFLAGS=(-Wshadow -Wconversion -Wsign-conversion -Wswitch-default
               -Wmissing-prototypes -Wstrict-prototypes -pedantic)
# The translated C is built in $B, away from its .cy: -I of the .cy's own
# directory lets its quoted #includes resolve, as in any out-of-tree build.
SANFLAGS=('-fsanitize=address,undefined' -fno-sanitize-recover=all
          -fno-omit-frame-pointer)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
MAXLINES=60   # lines of a log or diff shown for one failure

# ---------------------------------------------------------------- one job
# Each job appends "PASS name"/"FAIL name" lines to its own result file and
# prints them (with details for failures) under a lock, so that parallel
# jobs never interleave.

RESFILE='' OUTBUF=''
emit() {                 # emit PASS|FAIL NAME [DETAILS]
    printf '%s %s\n' "$1" "$2" >>"$RESFILE"
    OUTBUF+="$1 $2"$'\n'
    if [ -n "${3:-}" ]; then
        OUTBUF+=$(printf '%s\n' "$3" | sed 's/^/    /')$'\n'
    fi
}
flush() {
    [ -n "$OUTBUF" ] || return 0
    { flock 9; printf '%s' "$OUTBUF"; } 9>>"$RES/.lock"
    OUTBUF=
}
excerpt() {              # excerpt FILE: its first MAXLINES lines
    if [ ! -s "$1" ]; then echo "(empty)"; return 0; fi
    head -n "$MAXLINES" "$1"
    local n
    n=$(wc -l <"$1")
    [ "$n" -le "$MAXLINES" ] || echo "... ($((n - MAXLINES)) more lines in $1)"
}
q() { printf '%s' "$*"; }     # a command, for display

# run_prog NAME BIN EXPECTED_OUT ARGSFILE STDINFILE STATUSFILE [WRAPPER...]
# Runs BIN, compares its exit status and stdout; emits PASS/FAIL.
run_prog() {
    local name=$1 bin=$2 exp=$3 argsf=$4 inf=$5 statf=$6
    shift 6
    local -a args=() wrap=("$@")
    if [ -f "$argsf" ]; then
        eval "args=( $(<"$argsf") )"
    fi
    local want=0
    [ -f "$statf" ] && want=$(tr -d ' \n\t' <"$statf")
    local in=/dev/null
    [ -f "$inf" ] && in=$inf
    local out=$bin.stdout err=$bin.stderr rc
    timeout "$RUN_TIMEOUT" "${wrap[@]}" "$bin" "${args[@]}" <"$in" >"$out" 2>"$err"
    rc=$?
    if [ "$rc" = 124 ]; then
        emit FAIL "$name" "timed out after ${RUN_TIMEOUT}s: $(q "${wrap[@]}" "$bin" "${args[@]}")
$(excerpt "$err")"
        return
    fi
    if [ "$rc" != "$want" ]; then
        emit FAIL "$name" "exit status $rc, expected $want: $(q "${wrap[@]}" "$bin" "${args[@]}")
--- stderr:
$(excerpt "$err")
--- stdout:
$(excerpt "$out")"
        return
    fi
    if ! diff -u --label "$exp" --label "stdout" "$exp" "$out" >"$bin.diff"; then
        emit FAIL "$name" "stdout differs from $exp:
$(excerpt "$bin.diff")
--- stderr:
$(excerpt "$err")"
        return
    fi
    emit PASS "$name"
}

# compile NAME LOG CMD...: run a compiler, emit FAIL with its output if it
# fails.  Returns the command's status.
compile() {
    local name=$1 log=$2
    shift 2
    if "$@" >"$log" 2>&1; then
        return 0
    fi
    emit FAIL "$name" "build failed: $(q "$@")
$(excerpt "$log")"
    return 1
}

job_unit() {             # tests/unit/test_x.c
    local src=$1 base name out
    base=$(basename "$src" .c)
    name=${src%.c}
    out=$B/tests/unit
    mkdir -p "$out"
    local -a cflags
    # shellcheck disable=SC2206
    cflags=(-std=c11 -Wall -Wextra -Werror -g $UNIT_CPPFLAGS -Iruntime)

    if compile "$name" "$out/$base.build.log" \
        "$CC" "${cflags[@]}" -O1 "$src" "$LIBA" -lcmocka -lm -o "$out/$base"; then
        run_unit "$name" "$out/$base" "$out/$base.log"
        run_unit "$name [valgrind]" "$out/$base" "$out/$base.vg.log" \
            "$VALGRIND" -q --error-exitcode=1 --leak-check=full \
            --track-origins=yes
    else
        emit FAIL "$name [valgrind]" "not built"
    fi
    if compile "$name [asan]" "$out/$base.asan.build.log" \
        "$CC" "${cflags[@]}" -O1 "${SANFLAGS[@]}" "$src" "$LIBSAN" -lcmocka -lm \
        -o "$out/$base.asan"; then
        run_unit "$name [asan]" "$out/$base.asan" "$out/$base.asan.log"
    fi
}

run_unit() {             # run_unit NAME BIN LOG [WRAPPER...]
    local name=$1 bin=$2 log=$3 rc t=$RUN_TIMEOUT
    shift 3
    [ $# -gt 0 ] && t=$VALGRIND_TIMEOUT
    timeout "$t" "$@" "$bin" </dev/null >"$log" 2>&1
    rc=$?
    if [ "$rc" = 0 ]; then
        emit PASS "$name"
    elif [ "$rc" = 124 ]; then
        emit FAIL "$name" "timed out after ${t}s: $(q "$@" "$bin")
$(excerpt "$log")"
    else
        emit FAIL "$name" "exit status $rc: $(q "$@" "$bin")
$(excerpt "$log")"
    fi
}

# translate NAME SRC OUT_C: run coroc; on failure emit FAIL for each of the
# variant names given after --.
translate() {
    local name=$1 src=$2 c=$3
    shift 3
    rm -f "$c"
    if timeout "$RUN_TIMEOUT" "$COROC" "$src" -o "$c" >"$c.log" 2>&1 && [ -f "$c" ]; then
        return 0
    fi
    local first=1 v
    for v in "$@"; do
        if [ $first = 1 ]; then
            emit FAIL "$v" "coroc failed: $(q "$COROC" "$src" -o "$c")
$(excerpt "$c.log")"
            first=0
        else
            emit FAIL "$v" "not built (coroc failed)"
        fi
    done
    return 1
}

job_run() {              # tests/run/x.cy or examples/x.cy; $2=gcc-only?
    local src=$1 only_gcc=${2:-} dir base name stem out c exp
    dir=$(dirname "$src")
    base=$(basename "$src" .cy)
    name=${src%.cy}
    stem=$dir/$base
    out=$B/$dir
    mkdir -p "$out"
    c=$out/$base.c
    exp=$stem.out
    local -a names
    if [ -n "$only_gcc" ]; then
        names=("$name")
    else
        names=("$name [gcc]" "$name [clang]" "$name [asan]")
    fi
    if [ -f "$stem.cfg" ] && [ -z "$only_gcc" ]; then
        job_run_cfg "$src"
        return
    fi
    if [ ! -f "$exp" ]; then
        local v
        for v in "${names[@]}"; do emit FAIL "$v" "missing $exp"; done
        return
    fi
    translate "$name" "$src" "$c" "${names[@]}" || return
    local -a cflags=("${TEST_CFLAGS[@]}")
    case $src in examples/*) cflags+=("${STRICT_CFLAGS[@]}") ;; esac

    if compile "${names[0]}" "$out/$base.gcc.log" \
        "$CC" "${cflags[@]}" -I"$dir" -O2 -g "$c" "$LIBA" -lm -o "$out/$base.gcc"; then
        run_prog "${names[0]}" "$out/$base.gcc" "$exp" "$stem.args" \
            "$stem.stdin" "$stem.status"
    fi
    [ -n "$only_gcc" ] && return

    if compile "${names[1]}" "$out/$base.clang.log" \
        "$CLANG" "${cflags[@]}" -I"$dir" -O2 -g "$c" -L"$(dirname "$LIBSO")" \
        -lcoroc -Wl,-rpath,"$(dirname "$LIBSO")" -lm -o "$out/$base.clang"; then
        run_prog "${names[1]}" "$out/$base.clang" "$exp" "$stem.args" \
            "$stem.stdin" "$stem.status"
    fi
    if compile "${names[2]}" "$out/$base.asan.log" \
        "$CC" "${cflags[@]}" -I"$dir" -O1 -g "${SANFLAGS[@]}" "$c" "$LIBSAN" -lm \
        -o "$out/$base.asan"; then
        run_prog "${names[2]}" "$out/$base.asan" "$exp" "$stem.args" \
            "$stem.stdin" "$stem.status"
    fi
}

# The configurations of NAME.cfg: "CFG FLAGS..." per line.
cfg_lines() {
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$1" | grep -v '^[[:space:]]*$'
}

job_run_cfg() {          # tests/run/x.cy with x.cfg: one .c, each configuration
    local src=$1 dir base name stem out c cfg flags exp v line
    dir=$(dirname "$src")
    base=$(basename "$src" .cy)
    name=${src%.cy}
    stem=$dir/$base
    out=$B/$dir
    mkdir -p "$out"
    c=$out/$base.c
    local -a all=() fl
    while read -r cfg flags; do
        for v in gcc clang asan; do all+=("$name:$cfg [$v]"); done
    done < <(cfg_lines "$stem.cfg")
    if [ ${#all[@]} = 0 ]; then
        emit FAIL "$name" "$stem.cfg lists no configuration"
        return
    fi
    translate "$name" "$src" "$c" "${all[@]}" || return
    while read -r cfg line; do
        read -r -a fl <<<"$line"
        exp=$stem.$cfg.out
        local b=$out/$base.$cfg
        local -a names=("$name:$cfg [gcc]" "$name:$cfg [clang]" "$name:$cfg [asan]")
        if [ ! -f "$exp" ]; then
            for v in "${names[@]}"; do emit FAIL "$v" "missing $exp"; done
            continue
        fi
        if compile "${names[0]}" "$b.gcc.log" \
            "$CC" "${TEST_CFLAGS[@]}" "${fl[@]}" -I"$dir" -O2 -g "$c" "$LIBA" -lm -o "$b.gcc"; then
            run_prog "${names[0]}" "$b.gcc" "$exp" "$stem.args" "$stem.stdin" "$stem.status"
        fi
        if compile "${names[1]}" "$b.clang.log" \
            "$CLANG" "${TEST_CFLAGS[@]}" "${fl[@]}" -I"$dir" -O2 -g "$c" -L"$(dirname "$LIBSO")" \
            -lcoroc -Wl,-rpath,"$(dirname "$LIBSO")" -lm -o "$b.clang"; then
            run_prog "${names[1]}" "$b.clang" "$exp" "$stem.args" "$stem.stdin" "$stem.status"
        fi
        if compile "${names[2]}" "$b.asan.log" \
            "$CC" "${TEST_CFLAGS[@]}" "${fl[@]}" -I"$dir" -O1 -g "${SANFLAGS[@]}" "$c" "$LIBSAN" -lm \
            -o "$b.asan"; then
            run_prog "${names[2]}" "$b.asan" "$exp" "$stem.args" "$stem.stdin" "$stem.status"
        fi
    done < <(cfg_lines "$stem.cfg")
}

FAULT_WRAP=-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=aligned_alloc,--wrap=free
job_fault() {            # tests/fault/x.cy
    local src=$1 dir base name out c exp
    dir=$(dirname "$src")
    base=$(basename "$src" .cy)
    name=${src%.cy}
    out=$B/$dir
    mkdir -p "$out"
    c=$out/$base.c
    exp=${src%.cy}.out
    local -a names=("$name [gcc]" "$name [valgrind]" "$name [asan]")
    if [ ! -f "$exp" ]; then
        local v
        for v in "${names[@]}"; do emit FAIL "$v" "missing $exp"; done
        return
    fi
    translate "$name" "$src" "$c" "${names[@]}" || return
    if compile "${names[0]}" "$out/$base.gcc.log" \
        "$CC" "${TEST_CFLAGS[@]}" -I"$dir" -O2 -g "$c" "$dir/fault.c" "$LIBA" \
        "$FAULT_WRAP" -lm -o "$out/$base.gcc"; then
        run_prog "${names[0]}" "$out/$base.gcc" "$exp" none none none
        RUN_TIMEOUT=$VALGRIND_TIMEOUT run_prog "${names[1]}" "$out/$base.gcc" \
            "$exp" none none none "$VALGRIND" -q --error-exitcode=1 \
            --leak-check=full --errors-for-leak-kinds=all
    else
        emit FAIL "${names[1]}" "not built"
    fi
    if compile "${names[2]}" "$out/$base.asan.log" \
        "$CC" "${TEST_CFLAGS[@]}" -I"$dir" -O1 -g "${SANFLAGS[@]}" "$c" \
        "$dir/fault.c" "$LIBSAN" "$FAULT_WRAP" -lm -o "$out/$base.asan"; then
        run_prog "${names[2]}" "$out/$base.asan" "$exp" none none none
    fi
}

job_err() {              # tests/err/x.cy
    local src=$1 base name out c exp rc
    base=$(basename "$src" .cy)
    name=${src%.cy}
    out=$B/tests/err
    mkdir -p "$out"
    c=$out/$base.c
    exp=${src%.cy}.err
    if [ ! -f "$exp" ]; then
        emit FAIL "$name" "missing $exp"
        return
    fi
    rm -f "$c"
    timeout "$RUN_TIMEOUT" "$COROC_AS_GIVEN" "$src" -o "$c" </dev/null \
        >"$out/$base.stdout" 2>"$out/$base.stderr"
    rc=$?
    local cmd
    cmd=$(q "$COROC_AS_GIVEN" "$src" -o "$c")
    if [ "$rc" != 1 ]; then
        emit FAIL "$name" "exit status $rc, expected 1: $cmd
--- stderr:
$(excerpt "$out/$base.stderr")"
    elif [ -e "$c" ]; then
        emit FAIL "$name" "$c exists after the error: coroc must not leave its output file"
    elif ! diff -u --label "$exp" --label "stderr" "$exp" "$out/$base.stderr" \
            >"$out/$base.diff"; then
        emit FAIL "$name" "stderr differs from $exp: $cmd
$(excerpt "$out/$base.diff")"
    else
        emit PASS "$name"
    fi
}

job_emit() {             # tests/emit/x.cy: the exact output, with --no-line
    local src=$1 base name out c exp rc cmd
    base=$(basename "$src" .cy)
    name=${src%.cy}
    out=$B/tests/emit
    mkdir -p "$out"
    c=$out/$base.c
    exp=${src%.cy}.c
    cmd=$(q "$COROC_AS_GIVEN" --no-line "$src" -o "$c")
    timeout "$RUN_TIMEOUT" "$COROC_AS_GIVEN" --no-line "$src" -o "$c" </dev/null \
        2>"$out/$base.stderr"
    rc=$?
    if [ "$rc" != 0 ]; then
        emit FAIL "$name" "exit status $rc: $cmd
$(excerpt "$out/$base.stderr")"
        return
    fi
    if [ -n "${UPDATE_GOLDENS:-}" ]; then
        cp "$c" "$exp"
    fi
    if [ ! -f "$exp" ]; then
        emit FAIL "$name" "missing $exp (make goldens writes it)"
    elif ! diff -u --label "$exp" --label "output" "$exp" "$c" >"$out/$base.diff"; then
        emit FAIL "$name" "output differs from $exp (after a deliberate change: make goldens, then read the diff): $cmd
$(excerpt "$out/$base.diff")"
    elif ! "$CC" "${TEST_CFLAGS[@]}" -I"$(dirname "$src")" -fsyntax-only "$c" \
            >"$out/$base.cc.log" 2>&1; then
        emit FAIL "$name" "the golden output does not compile:
$(excerpt "$out/$base.cc.log")"
    else
        emit PASS "$name"
    fi
}

job_cli() {              # tests/cli/x.sh
    local src=$1 base name log rc
    base=$(basename "$src" .sh)
    name=${src%.sh}
    mkdir -p "$B/tests/cli"
    log=$B/tests/cli/$base.log
    COROC=$COROC timeout "$RUN_TIMEOUT" bash "$src" </dev/null >"$log" 2>&1
    rc=$?
    if [ "$rc" = 0 ]; then
        emit PASS "$name"
    elif [ "$rc" = 77 ]; then  # a tool it needs is missing: it says which
        emit SKIP "$name" "$(grep -m1 SKIP "$log")"
    else
        emit FAIL "$name" "exit status $rc: COROC=$COROC bash $src
$(excerpt "$log")"
    fi
}

job_install() {          # tests/install/run.sh
    local src=$1 name log rc
    name=${src%.sh}
    mkdir -p "$B/tests/install"
    log=$B/tests/install/run.log
    # niced: its many short processes (cmake, compilers) must not starve
    # the real-time cases of the unit tests that run beside it
    timeout "$INSTALL_TIMEOUT" nice -n 19 bash "$src" </dev/null >"$log" 2>&1
    rc=$?
    if [ "$rc" = 0 ]; then
        emit PASS "$name"
    else
        emit FAIL "$name" "exit status $rc: bash $src (log: $log)
$(grep -A 8 '^FAIL' "$log" | grep -v '^ok:' | head -n "$MAXLINES")
$(tail -n 3 "$log")"
    fi
}

job_bench() {
    local log=$B/tests/bench-smoke.log rc
    mkdir -p "$B/tests"
    timeout "$BENCH_TIMEOUT" bash bench/run.sh --smoke </dev/null >"$log" 2>&1
    rc=$?
    if [ "$rc" = 0 ]; then
        emit PASS bench-smoke
    else
        emit FAIL bench-smoke "exit status $rc: bash bench/run.sh --smoke
$(excerpt "$log")"
    fi
}

job_difftest() {
    local log=$B/tests/difftest-quick.log rc name
    name="difftest-quick ($DIFFTEST_SEEDS seeds; skipped families: ${DIFFTEST_QUICK_SKIP:-none})"
    mkdir -p "$B/tests"
    COROC=$COROC LIBA=$LIBA LIBSAN=$LIBSAN timeout "$DIFFTEST_TIMEOUT" \
        python3 tests/difftest/run.py --seeds "$DIFFTEST_SEEDS" --jobs 2 --quiet \
        ${DIFFTEST_QUICK_SKIP:+--skip "$DIFFTEST_QUICK_SKIP"} </dev/null >"$log" 2>&1
    rc=$?
    if [ "$rc" = 0 ]; then
        emit PASS "$name"
    else
        emit FAIL "$name" "exit status $rc: python3 tests/difftest/run.py --seeds $DIFFTEST_SEEDS
$(excerpt "$log")"
    fi
}

if [ "${1:-}" = --job ]; then
    spec=$2                              # KIND:PATH
    kind=${spec%%:*} path=${spec#*:}
    RESFILE=$RES/$(printf '%s' "$spec" | tr '/:' '__').res
    : >"$RESFILE"
    case $kind in
    unit) job_unit "$path" ;;
    run) job_run "$path" ;;
    example) job_run "$path" gcc-only ;;
    err) job_err "$path" ;;
    emit) job_emit "$path" ;;
    fault) job_fault "$path" ;;
    cli) job_cli "$path" ;;
    install) job_install "$path" ;;
    bench) job_bench ;;
    difftest) job_difftest ;;
    *) emit FAIL "$spec" "unknown job kind" ;;
    esac
    flush
    exit 0
fi

# ------------------------------------------------------------ the driver
mode=${1:---all}
shift || true
case $mode in
--all|--examples) ;;
*) sed -n '2,55p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

for tool in "$COROC" "$LIBA"; do
    if [ ! -e "$tool" ]; then
        echo "run-tests.sh: $tool is missing: run make first" >&2
        exit 2
    fi
done

rm -rf "$RES"
mkdir -p "$RES"

jobs=()
add() {                  # add KIND PATH, filtered by the patterns
    if [ ${#patterns[@]} -gt 0 ]; then
        local p ok=
        for p in "${patterns[@]}"; do
            case $2 in *"$p"*) ok=1 ;; esac
        done
        [ -n "$ok" ] || return 0
    fi
    jobs+=("$1:$2")
}
patterns=("$@")
shopt -s nullglob
if [ "$mode" = --examples ]; then
    for f in examples/*.cy examples/*/*.cy; do add example "$f"; done
else
    # Slowest first, so that the two cores stay busy to the end.
    [ -f bench/run.sh ] && add bench bench/run.sh
    [ -f tests/difftest/run.py ] && add difftest tests/difftest/run.py
    for f in tests/unit/test_*.c; do add unit "$f"; done
    for f in examples/*.cy examples/*/*.cy tests/run/*.cy; do add run "$f"; done
    for f in tests/fault/*.cy; do add fault "$f"; done
    for f in tests/err/*.cy; do add err "$f"; done
    for f in tests/emit/*.cy; do add emit "$f"; done
    for f in tests/cli/*.sh; do add cli "$f"; done
    # last, well after the unit tests: test_io's real-time case wants a
    # quiet machine
    [ -f tests/install/run.sh ] && add install tests/install/run.sh
fi
shopt -u nullglob

if [ ${#jobs[@]} -gt 0 ]; then
    printf '%s\n' "${jobs[@]}" |
        xargs -d '\n' -n 1 -P "$JOBS" "$0" --job
fi

passed=0 failed=0
failures=()
for spec in "${jobs[@]}"; do
    f=$RES/$(printf '%s' "$spec" | tr '/:' '__').res
    if [ ! -s "$f" ]; then
        echo "FAIL $spec"
        echo "    the harness job died without a result"
        failed=$((failed + 1))
        failures+=("$spec")
        continue
    fi
    while read -r verdict name; do
        if [ "$verdict" = PASS ]; then
            passed=$((passed + 1))
        elif [ "$verdict" = SKIP ]; then
            :
        else
            failed=$((failed + 1))
            failures+=("$name")
        fi
    done <"$f"
done

if [ ${#jobs[@]} -eq 0 ]; then
    echo "no tests found"
fi
if [ "$failed" -gt 0 ]; then
    echo
    echo "failed:"
    printf '    %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
