#!/usr/bin/env bash
# scripts/fuzz.sh - `make fuzz`: AFL++ on the translator, then a replay of
# everything it kept through the plain and the sanitized compiler.
#
#   scripts/fuzz.sh            build, fuzz FUZZ_SECONDS (default 600), replay
#   scripts/fuzz.sh --replay   only the replay of the last run's queue
#
# Builds (from whatever compiler/ holds, with the Makefile's generated
# scanner and parser in build/):
#   FUZZ_DIR/coroc-afl    afl-clang-fast, ASan+UBSan: the fuzzed binary
#   FUZZ_DIR/coroc-san    clang, ASan+UBSan, no AFL instrumentation
#   build/coroc            the Makefile's plain build
# Every run is `coroc --no-cpp INPUT -o OUT.c`: no preprocessor is forked.
# The seeds are the .cy files of tests/ and examples/, the dictionary is
# tests/fuzz/coroc.dict.  AFL sees crashes (signals, sanitizer aborts) and
# hangs (over 2 s); the replay checks what it cannot see: for every queue,
# crash and hang entry, each build must exit 0 or 1, print no sanitizer
# report, leave no output file after status 1, and finish within 2 s.
# Failing inputs are copied to FUZZ_DIR/findings/.  The last line is the
# summary: executions, paths, coverage, crashes, hangs, replay failures.
#
# Environment: FUZZ_SECONDS (duration), FUZZ_NICE (nice level, default 0;
# use 19 for a long background run), FUZZ_DIR (default build/fuzz; the
# binaries, afl-fuzz's output and the findings), B (build dir), CLANG,
# AFL_CC.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
: "${B:=build}"
: "${FUZZ_SECONDS:=600}"
: "${FUZZ_NICE:=0}"
: "${CLANG:=clang}"
: "${AFL_CC:=afl-clang-fast}"
F=${FUZZ_DIR:-$B/fuzz}
OUT=$F/out            # afl-fuzz -o
WORK=$F/work          # the output files of the fuzzed runs
mkdir -p "$F" "$WORK"

die() { echo "fuzz.sh: $*" >&2; exit 1; }

# ------------------------------------------------------------ the builds
build() {     # build CC EXTRA_FLAGS... -> compiles every compiler source
    local out=$1 cc=$2
    shift 2
    local objdir=$out.obj srcs=() s
    rm -rf "$objdir"
    mkdir -p "$objdir"
    for s in compiler/*.c; do srcs+=("$s"); done
    for s in "$B"/lexer.c "$B"/parser.c; do [ -f "$s" ] && srcs+=("$s"); done
    [ ${#srcs[@]} -gt 0 ] || die "no compiler sources"
    local objs=() o
    for s in "${srcs[@]}"; do
        o=$objdir/$(basename "$s" .c).o
        # the generated files are not -Wextra clean (see the Makefile):
        # warnings are not the point here, so none of them is an error
        "$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -Icompiler -I"$B" -Iruntime \
            -O1 -g "$@" -c "$s" -o "$o" || die "cannot compile $s with $cc"
        objs+=("$o")
    done
    "$cc" "$@" "${objs[@]}" -o "$out" || die "cannot link $out"
}

SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
if [ "${1:-}" != --replay ]; then
    command -v afl-fuzz >/dev/null || die "afl-fuzz missing: scripts/deps.sh fuzz"
    # afl-clang-fast adds ASan and UBSan itself when asked to (AFL_USE_*)
    AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 build "$F/coroc-afl" "$AFL_CC" \
        -fno-omit-frame-pointer >"$F/build-afl.log" 2>&1 ||
        { cat "$F/build-afl.log" >&2; exit 1; }
    build "$F/coroc-san" "$CLANG" "${SAN[@]}" >"$F/build-san.log" 2>&1 ||
        { cat "$F/build-san.log" >&2; exit 1; }

    # ------------------------------------------------------------ seeds
    rm -rf "$F/seeds"
    mkdir -p "$F/seeds"
    shopt -s nullglob
    for s in tests/run/*.cy tests/err/*.cy tests/pending/*.cy examples/*.cy \
             examples/*/*.cy tests/fuzz/found/*.cy; do
        cp "$s" "$F/seeds/$(printf '%s' "$s" | tr '/' '_')"
    done
    shopt -u nullglob

    # ------------------------------------------------------------- fuzz
    # A fresh output directory each run: the figures are this run's.
    rm -rf "$OUT"
    # The machine is shared: no CPU binding, no frequency check; the
    # kernel's core_pattern may pipe cores elsewhere (crashes are still
    # seen: AFL waits for the child's signal).
    export AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 \
           AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=0 \
           AFL_NO_WARN_INSTABILITY=1
    # ASan must abort (a signal AFL sees), and leaks are not crashes here
    # (coroc frees its arena on exit; the replay's plain runs check status)
    export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1
    export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=0
    echo "fuzz.sh: fuzzing $F/coroc-afl for ${FUZZ_SECONDS}s (nice $FUZZ_NICE)"
    nice -n "$FUZZ_NICE" afl-fuzz -i "$F/seeds" -o "$OUT" -x tests/fuzz/coroc.dict \
        -t 2000 -m none -V "$FUZZ_SECONDS" \
        -- "$F/coroc-afl" --no-cpp @@ -o "$WORK/afl-out.c" \
        >"$F/afl.log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        tail -n 30 "$F/afl.log" >&2
        die "afl-fuzz exited with status $rc (log: $F/afl.log)"
    fi
fi

stats=$OUT/default/fuzzer_stats
[ -f "$stats" ] || die "no $stats: run scripts/fuzz.sh without --replay first"
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }

# ------------------------------------------------------------- the replay
# Each input through each build: status 0 or 1, no sanitizer report, no
# output file after status 1, at most 2 s.
FIND=$F/findings
rm -rf "$FIND"
mkdir -p "$FIND"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
replayed=0 bad=0
check() {     # check BIN INPUT
    local bin=$1 in=$2 o=$WORK/replay.c rc t0 t1 ms why=
    rm -f "$o"
    t0=$(date +%s%N)
    timeout 2 "$bin" --no-cpp "$in" -o "$o" </dev/null >/dev/null 2>"$WORK/replay.err"
    rc=$?
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ $rc = 124 ]; then why="over 2 s"
    elif [ $rc != 0 ] && [ $rc != 1 ]; then why="exit status $rc"
    elif grep -q 'Sanitizer\|runtime error' "$WORK/replay.err"; then why="sanitizer report"
    elif [ $rc = 1 ] && [ -e "$o" ]; then why="output file left after status 1"
    elif [ $ms -ge 2000 ]; then why="${ms} ms"
    fi
    if [ -n "$why" ]; then
        bad=$((bad + 1))
        local keep
        keep=$FIND/$bad-$(basename "$bin")
        cp "$in" "$keep.cy"
        cp "$WORK/replay.err" "$keep.stderr"
        echo "FAIL $(basename "$bin") $in: $why (kept as $keep.cy)"
    fi
}
shopt -s nullglob
for in in "$OUT"/default/queue/id:* "$OUT"/default/crashes/id:* \
          "$OUT"/default/hangs/id:*; do
    check "$B/coroc" "$in"
    check "$F/coroc-san" "$in"
    replayed=$((replayed + 1))
done
shopt -u nullglob

execs=$(stat execs_done) secs=$(( $(stat last_update) - $(stat start_time) ))
echo "fuzz: $execs executions in ${secs}s ($(stat execs_per_sec)/s)," \
     "$(stat corpus_count) paths, coverage $(stat bitmap_cvg)," \
     "$(stat saved_crashes) crashes, $(stat saved_hangs) hangs;" \
     "replay: $replayed inputs x 2 builds, $bad failures"
[ "$(stat saved_crashes)" = 0 ] && [ "$(stat saved_hangs)" = 0 ] && [ $bad = 0 ]
