#!/usr/bin/env bash
# bench/icount.sh OLD_TREE - instruction counts (valgrind's callgrind) of
# W1-W5 built by an older checkout's coroc and runtime (OLD_TREE, built
# with make) and by this tree's, side by side.  Counts do not depend on the
# machine's load, so a change can be compared while other work runs:
#   git worktree add /tmp/old HEAD~5 && make -C /tmp/old && bench/icount.sh /tmp/old
# SIZES overrides the workloads and their arguments (name:arg1_arg2 ...).
# Built as make bench builds (-O2 -DNDEBUG); ICOUNT_DEBUG=1 leaves NDEBUG
# undefined, to count coroc's checked CY_YIELDED/CY_RESULT.
set -u
old=${1:?usage: bench/icount.sh OLD_TREE}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
release=-DNDEBUG; [ "${ICOUNT_DEBUG:-0}" = 1 ] && release=
sizes="${SIZES:-w1_switch:200000 w2_loop:100_2000 w3_spawn:20000 w3_spawn_pool:20000 w4_memory:10000 w4_memory_pool:10000 w5_await:16}"
for s in $sizes; do
  w=${s%%:*}; n=${s##*:}; n=${n//_/ }
  for v in orig new; do
    c=$old/build/coroc; lib=$old/build/libcoroc.a; inc=$old/runtime
    [ $v = new ] && { c=build/coroc; lib=build/libcoroc.a; inc=runtime; }
    $c -Ibench bench/$w.cy -o "$tmp"/ic_$v.c && gcc -std=c11 -O2 $release -D_GNU_SOURCE -I$inc -Ibench "$tmp"/ic_$v.c $lib -lm -o "$tmp"/ic_$v || exit 1
    timeout 300 valgrind --tool=callgrind --callgrind-out-file="$tmp"/cg.$v "$tmp"/ic_$v $n >/dev/null 2>"$tmp"/cg.log
    eval "$v=$(grep -o 'Collected : [0-9]*' "$tmp"/cg.log | grep -o '[0-9]*')"
  done
  awk -v w=$w -v a=$orig -v b=$new 'BEGIN{printf "%-16s old %12d new %12d  new/old %.4f\n", w, a, b, b/a}'
done
