# tests/cli/out_common.bash - sourced by the out_*.sh tests of "The output
# file" (issue 9): COROC, a private temporary directory, check(), and two
# inputs: ok.cy translates, bad.cy fails (yield with a value in an int coroutine).
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi; }

cat >"$tmp/ok.cy" <<'CY'
coroutine int f(void) { yield; return 1; }
CY
cat >"$tmp/bad.cy" <<'CY'
coroutine int f(void) { yield 1; return 1; }
CY
