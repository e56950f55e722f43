#!/bin/sh
# coroc benchmark suite: `make bench` runs this.
#   bench/run.sh           full run: every workload, every implementation,
#                          median of BENCH_RUNS (>= 5) runs; table on stdout,
#                          build/bench/results.csv, build/bench/results.png
#   bench/run.sh --smoke   build everything and run each program once on a
#                          tiny size; exits non-zero on any failure (< 60 s)
#   bench/run.sh --only W1,W5   a subset
# Sizes and options come from BENCH_* environment variables: see
# docs/performance.md.
set -eu
cd "$(dirname "$0")/.."
if ! command -v python3 >/dev/null 2>&1; then
    echo "bench: python3 is required" >&2
    exit 1
fi
exec python3 bench/harness.py "$@"
