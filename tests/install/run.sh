#!/usr/bin/env bash
# tests/install/run.sh - make check's install test: `make install` into a
# temporary prefix, then the sample project built three ways against that
# prefix only (sample-build.sh); and `make install`/`make uninstall` with
# DESTDIR and every directory variable set, which must put each file where
# asked and remove exactly those files.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset MAKEFLAGS MFLAGS MAKELEVEL COROC COROCFLAGS
failed=0
cd "$ROOT" || exit 2

prefix=$tmp/prefix
if ! make -s install PREFIX="$prefix" >"$tmp/install.log" 2>&1; then
    echo "FAIL: make install PREFIX=$prefix"; cat "$tmp/install.log"; exit 1
fi
echo "ok: make install PREFIX=$prefix"
# the gdb extension, under gdb's auto-load directory, and the installed
# coroc names it in its output (a .debug_gdb_scripts entry)
gdbpy=$prefix/share/gdb/auto-load/coroc/coroc_gdb.py
if [ -f "$gdbpy" ] && cmp -s "$gdbpy" gdb/coroc_gdb.py; then echo "ok: installed $gdbpy"; else
    echo "FAIL: $gdbpy not installed"; failed=1; fi
printf 'coroutine void f(void) { yield; }\n' >"$tmp/g.cy"
"$prefix/bin/coroc" "$tmp/g.cy" -o "$tmp/g.c" 2>&1
if grep -q debug_gdb_scripts "$tmp/g.c" && grep -qF "\"$gdbpy\\\"" "$tmp/g.c"; then
    echo "ok: the installed coroc names the installed gdb extension"
else
    echo "FAIL: the installed coroc does not name $gdbpy"; failed=1
fi
mkdir "$tmp/work"
WORK=$tmp/work ROOT_PREFIX=$prefix LIB_DIR=$prefix/lib PC_SYSROOT= \
    bash tests/install/sample-build.sh || failed=1

# DESTDIR and the directory variables; uninstall removes exactly what
# install wrote (a file of someone else's in the same directories stays).
dest=$tmp/dest
vars=(DESTDIR="$dest" PREFIX=/opt/cy BINDIR=/opt/cy/tools LIBDIR=/opt/cy/lib64
      INCLUDEDIR=/opt/cy/inc DATADIR=/opt/cy/data MANDIR=/opt/cy/manual)
if make -s install "${vars[@]}" >"$tmp/install2.log" 2>&1; then
    echo "ok: make install with DESTDIR and the directory variables"
else
    echo "FAIL: make install ${vars[*]}"; cat "$tmp/install2.log"; failed=1
fi
for f in tools/coroc inc/coroc.h lib64/libcoroc.so lib64/pkgconfig/coroc.pc \
         lib64/cmake/coroc/corocConfig.cmake data/coroc/coroc.mk \
         data/gdb/auto-load/coroc/coroc_gdb.py \
         manual/man1/coroc.1 manual/man3/coroc.3; do
    if [ -e "$dest/opt/cy/$f" ]; then echo "ok: installed /opt/cy/$f"; else
        echo "FAIL: /opt/cy/$f not installed"; failed=1; fi
done
if grep -q '^libdir=${prefix}/lib64$' "$dest/opt/cy/lib64/pkgconfig/coroc.pc" &&
   grep -q '^includedir=${prefix}/inc$' "$dest/opt/cy/lib64/pkgconfig/coroc.pc"; then
    echo "ok: coroc.pc names LIBDIR and INCLUDEDIR"
else
    echo "FAIL: coroc.pc:"; cat "$dest/opt/cy/lib64/pkgconfig/coroc.pc"; failed=1
fi
# a prefix moved after installing (DESTDIR, unpacked somewhere) still
# finds itself: the make include's paths are relative to it
got=$(make -s -f - print <<MK 2>&1
include $dest/opt/cy/data/coroc/coroc.mk
print: ; @echo \$(COROC) \$(COROC_CPPFLAGS) \$(COROC_LDFLAGS)
MK
)
want="$dest/opt/cy/tools/coroc -I$dest/opt/cy/inc -L$dest/opt/cy/lib64"
if [ "$got" = "$want" ]; then echo "ok: coroc.mk finds a moved install"; else
    echo "FAIL: coroc.mk under DESTDIR: '$got', expected '$want'"; failed=1; fi
touch "$dest/opt/cy/tools/other" "$dest/opt/cy/lib64/libother.so"
if make -s uninstall "${vars[@]}" >"$tmp/uninstall.log" 2>&1; then
    echo "ok: make uninstall"
else
    echo "FAIL: make uninstall"; cat "$tmp/uninstall.log"; failed=1
fi
left=$(cd "$dest" && find . ! -type d | sort | tr '\n' ' ')
if [ "$left" = "./opt/cy/lib64/libother.so ./opt/cy/tools/other " ]; then
    echo "ok: uninstall removed exactly what install wrote"
else
    echo "FAIL: left after uninstall: $left"; failed=1
fi
if [ -d "$dest/opt/cy/data/coroc" ] || [ -d "$dest/opt/cy/lib64/cmake/coroc" ]; then
    echo "FAIL: uninstall left coroc's own directories"; failed=1
else
    echo "ok: uninstall removed coroc's own directories"
fi
exit $failed
