#!/usr/bin/env bash
# coroc never crashes or hangs, whatever the input: 400 mutated inputs with
# a fixed seed (tests/fuzz.py runs more, and with a sanitizer build).
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/fuzz.py "$COROC" 400 20261124 "$tmp"
