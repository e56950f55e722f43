#!/usr/bin/env bash
# issue 9, "The output file": -o through a symlink writes its target and keeps the link.
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
cp "$tmp/bad.cy" "$tmp/bad.orig"

# a symlink is followed: the link stays, its target gets the translation
echo old >"$tmp/target.c"
ln -s target.c "$tmp/link.c"
"$COROC" "$tmp/ok.cy" -o "$tmp/link.c"; rc=$?
check "symlink: exit 0 (got $rc)" '[ $rc = 0 ]'
check "symlink: still a symlink" '[ -L "$tmp/link.c" ]'
check "symlink: the target holds the translation" 'grep -q f__resume "$tmp/target.c"'
exit $fail
