#!/usr/bin/env bash
# -o never destroys what it names: a device stays a device, a symbolic
# link stays a link (its target is written), a failed run leaves the
# output as it was, the input is never the output, and a failed write to
# standard output says why.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "output_file: $*" >&2; exit 1; }
printf 'coroutine int f(void) { yield; return 1; }\n' > "$tmp/ok.cy"
printf 'coroutine int f(void) { yield }\n' > "$tmp/bad.cy"

# a FIFO (as a device would be) is written, not replaced by a file
mkfifo "$tmp/fifo"
cat "$tmp/fifo" > "$tmp/from_fifo" &
reader=$!
"$COROC" --no-cpp "$tmp/ok.cy" -o "$tmp/fifo" || fail "writing to a FIFO failed"
wait $reader
test -p "$tmp/fifo" || fail "the FIFO was replaced"
grep -q 'f__resume' "$tmp/from_fifo" || fail "the FIFO did not get the output"
# /dev/null stays a character device (run as root this used to replace it)
"$COROC" --no-cpp "$tmp/ok.cy" -o /dev/null || fail "writing to /dev/null failed"
test -c /dev/null || fail "/dev/null is no longer a device"

# a symbolic link is followed: the link stays, its target gets the output
echo old > "$tmp/target.c"
ln -s target.c "$tmp/link.c"
"$COROC" --no-cpp "$tmp/ok.cy" -o "$tmp/link.c" || fail "writing through a link failed"
test -L "$tmp/link.c" || fail "the link was replaced by a file"
grep -q 'f__resume' "$tmp/target.c" || fail "the link's target was not written"
# a dangling link: its target is created
ln -s new.c "$tmp/dangling.c"
"$COROC" --no-cpp "$tmp/ok.cy" -o "$tmp/dangling.c" || fail "writing through a dangling link failed"
test -L "$tmp/dangling.c" && test -f "$tmp/new.c" || fail "the dangling link's target was not created"

# a failed run leaves the existing output alone, and creates nothing
echo keep > "$tmp/out.c"
chmod 640 "$tmp/out.c"
"$COROC" --no-cpp "$tmp/bad.cy" -o "$tmp/out.c" 2>/dev/null && fail "bad input accepted"
test "$(cat "$tmp/out.c")" = keep || fail "a failed run changed the existing output"
"$COROC" --no-cpp "$tmp/bad.cy" -o "$tmp/none.c" 2>/dev/null
test ! -e "$tmp/none.c" || fail "a failed run created its output"
# a successful one keeps the file's mode
"$COROC" --no-cpp "$tmp/ok.cy" -o "$tmp/out.c" || fail "rewriting failed"
test "$(stat -c %a "$tmp/out.c")" = 640 || fail "the output's mode changed"
ls "$tmp" | grep -q 'XXXXXX\|out.c\.' && fail "a temporary file was left behind"

# the input is never the output, even through another path or a link
cp "$tmp/bad.cy" "$tmp/src.cy"
ln -s src.cy "$tmp/src_link.cy"
for o in "$tmp/src.cy" "$tmp/./src.cy" "$tmp/src_link.cy"; do
    "$COROC" --no-cpp "$tmp/src.cy" -o "$o" 2>"$tmp/err"
    test $? = 2 || fail "-o $o (the input) was not refused"
    grep -q "is the input file" "$tmp/err" || fail "no message for -o $o"
done
cmp -s "$tmp/src.cy" "$tmp/bad.cy" || fail "the source was changed"

# a failed write to standard output says why
if [ -w /dev/full ]; then
    "$COROC" --no-cpp "$tmp/ok.cy" -o - > /dev/full 2>"$tmp/err" && fail "writing to /dev/full succeeded"
    grep -q "cannot write to standard output: No space left on device" "$tmp/err" ||
        fail "no reason given for the failed write: $(cat "$tmp/err")"
fi
exit 0
