#!/usr/bin/env bash
# A few seconds of `make soak` (scripts/soak.sh): 5 000 cancelled tasks,
# 200 loopback connections for 6 s with clients killed, the EMFILE
# server; so that the soak programs keep building and passing between
# full runs.  Needs LIBA and LIBSAN (the harness exports them).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SOAK_DIR=$tmp SOAK_ONLY="cancel load emfile" SOAK_TASKS=5000 SOAK_CONNS=200 \
    SOAK_WORKERS=4 SOAK_SECONDS=6 SOAK_SEED=1 bash scripts/soak.sh
