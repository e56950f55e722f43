#!/usr/bin/env bash
# tests/install/sample-build.sh - build and run the sample project
# (tests/install/sample: two .cy files sharing include/shared.h, and main.c)
# against an installed coroc only, three ways: the make include, the CMake
# package (Makefile and Ninja generators, with the header-touch rebuild
# checked) and a pkg-config compile line; and check the installed shared
# library, the man pages and the editor files.  Run by tests/install/run.sh (a `make install`
# prefix) and tests/install/deb-test.sh (unpacked .debs).
#
# Environment, all required:
#   WORK        an empty scratch directory
#   ROOT_PREFIX the installation prefix as found on disk (PREFIX, or the
#               unpacked root's usr/)
#   LIB_DIR     the directory of libcoroc.so* (on disk)
#   PC_SYSROOT  PKG_CONFIG_SYSROOT_DIR for coroc.pc ('' for none)
# Every check prints "ok: ..." or "FAIL: ..."; the exit status is 1 if any
# failed.
set -u
: "${WORK:?}" "${ROOT_PREFIX:?}" "${LIB_DIR:?}" "${PC_SYSROOT?}"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SAMPLE=$HERE/sample
EXPECTED=$SAMPLE/expected.out
# nothing of the harness (COROC is build/coroc there) or of the caller leaks in
unset MAKEFLAGS MFLAGS MAKELEVEL LD_LIBRARY_PATH LD_RUN_PATH COROC COROCFLAGS \
      LIBA LIBSO LIBSAN CPPFLAGS CFLAGS LDFLAGS PKG_CONFIG_PATH
export LC_ALL=C
# one compiler at a time: the sample is small, and make check runs beside
export CMAKE_BUILD_PARALLEL_LEVEL=1
failed=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; failed=1; }
check() { # check DESCRIPTION COMMAND...: the command must succeed
    local d=$1
    shift
    if "$@" >"$WORK/check.log" 2>&1; then ok "$d"; else
        bad "$d: $*"; sed 's/^/    /' "$WORK/check.log" | head -n 40; fi
}

VERSION=$(sed -n 's/^#define CY_VERSION "\(.*\)"/\1/p' "$ROOT_PREFIX"/include/coroc*.h | head -n 1)
SOMAJOR=${VERSION%%.*}
# while the major number is 0, the soname carries the minor one too (Makefile)
[ "$SOMAJOR" = 0 ] && { minor=${VERSION#0.}; SOMAJOR=0.${minor%%.*}; }
PC_DIR=$LIB_DIR/pkgconfig
MK=$ROOT_PREFIX/share/coroc/coroc.mk
[ -n "$VERSION" ] && ok "version $VERSION in the installed header" || bad "no CY_VERSION installed"

# -------------------------------------------------- the installed files
for f in "$ROOT_PREFIX/bin/coroc" "$MK" "$PC_DIR/coroc.pc" \
         "$LIB_DIR/cmake/coroc/corocConfig.cmake" \
         "$LIB_DIR/cmake/coroc/corocConfigVersion.cmake" \
         "$LIB_DIR/libcoroc.a" "$LIB_DIR/libcoroc.so.$VERSION" \
         "$ROOT_PREFIX/share/coroc/vim/syntax/coroc.vim" \
         "$ROOT_PREFIX/share/coroc/vim/ftdetect/coroc.vim" \
         "$ROOT_PREFIX/share/coroc/emacs/coroc-mode.el"; do
    [ -s "$f" ] && ok "installed ${f#"$ROOT_PREFIX"/}" || bad "missing $f"
done
# every header the runtime installs exists, and none is private
if [ -e "$ROOT_PREFIX/include/internal.h" ]; then bad "internal.h installed"; fi
if grep -l '@[A-Z_]*@' "$MK" "$PC_DIR/coroc.pc" "$LIB_DIR"/cmake/coroc/*.cmake \
        "$ROOT_PREFIX"/share/man/man*/coroc.* 2>/dev/null; then
    bad "an @PLACEHOLDER@ was left in an installed file"
else
    ok "no @PLACEHOLDER@ left"
fi

# man -l renders each page, with no troff warning
for page in "$ROOT_PREFIX/share/man/man1/coroc.1"*  "$ROOT_PREFIX/share/man/man3/coroc.3"*; do
    if [ ! -f "$page" ]; then bad "no man page $page"; continue; fi
    MANWIDTH=80 man --warnings -l "$page" >"$WORK/man.txt" 2>"$WORK/man.err"
    if [ $? = 0 ] && grep -q '^NAME' "$WORK/man.txt" && grep -q '^SEE ALSO' "$WORK/man.txt" &&
       [ ! -s "$WORK/man.err" ]; then
        ok "man -l ${page##*/}"
    else
        bad "man -l $page"; head -n 20 "$WORK/man.err"
    fi
done
# Vim: *.cy is the coroc file type, and coroc's words are highlighted
printf 'coroutine int f(void) { yield; await g(); }\n' >"$WORK/t.cy"
cat >"$WORK/t.vim" <<VIM
set rtp^=$ROOT_PREFIX/share/coroc/vim
filetype on
syntax on
edit $WORK/t.cy
redir! > $WORK/vim.out
echo &filetype synIDattr(synID(1,1,1),"name") synIDattr(synID(1,25,1),"name") synIDattr(synID(1,32,1),"name") synIDattr(synID(1,11,1),"name")
redir END
qa!
VIM
timeout 20 vim -Nu NONE -i NONE -es -S "$WORK/t.vim" </dev/null >/dev/null 2>&1
got=$(tr -s '\n' ' ' <"$WORK/vim.out" 2>/dev/null | sed 's/^ *//; s/ *$//')
[ "$got" = "coroc corocStorage corocStatement corocStatement cType" ] &&
    ok "vim: coroc file type and syntax" || bad "vim: got '$got'"
# the Emacs mode loads and highlights (Emacs is not among the test tools:
# when it is there)
if command -v emacs >/dev/null; then
    check "coroc-mode.el loads" emacs -Q --batch -L "$ROOT_PREFIX/share/coroc/emacs" \
        --eval "(progn (require 'coroc-mode) (with-temp-buffer (coroc-mode)))"
else
    echo "skip: no emacs to load coroc-mode.el"
fi

# -------------------------------------------------- the shared library
so=$LIB_DIR/libcoroc.so.$VERSION
soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libcoroc.so.$SOMAJOR" ] && ok "soname $soname" || bad "soname '$soname'"
[ "$(readlink "$LIB_DIR/libcoroc.so")" = "libcoroc.so.$VERSION" ] &&
    ok "dev link libcoroc.so" || bad "libcoroc.so -> $(readlink "$LIB_DIR/libcoroc.so")"
# ldconfig into the prefix makes the soname link from the soname alone
rm -f "$LIB_DIR/libcoroc.so.$SOMAJOR"
# (ldconfig is in /sbin, off a user's PATH on Debian)
"$(command -v ldconfig || echo /sbin/ldconfig)" -n "$LIB_DIR"
[ "$(readlink "$LIB_DIR/libcoroc.so.$SOMAJOR")" = "libcoroc.so.$VERSION" ] &&
    ok "ldconfig -n makes libcoroc.so.$SOMAJOR" || bad "ldconfig -n: no libcoroc.so.$SOMAJOR"
# exports: the names of the installed headers only
nm -D --defined-only "$so" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' | sort -u >"$WORK/exports"
cat "$ROOT_PREFIX"/include/coroc*.h | grep -o '[A-Za-z_][A-Za-z0-9_]*' | sort -u >"$WORK/header-names"
extra=$(comm -23 "$WORK/exports" "$WORK/header-names")
[ -z "$extra" ] && ok "exports only names of the public headers ($(wc -l <"$WORK/exports"))" ||
    bad "exports names no public header has: $extra"
for sym in cy_task_step cy_loop_run cy_sleep cy_task_step_more_; do
    grep -qx "$sym" "$WORK/exports" && ok "exports $sym" || bad "does not export $sym"
done
for sym in cy_wake_ cy_timer_add_ cy_io_poll_; do
    grep -qx "$sym" "$WORK/exports" && bad "exports the internal $sym" || ok "hides $sym"
done

# run PROG: as a program would run after ldconfig (the library found by
# directory, LD_LIBRARY_PATH standing for the cache), never by rpath
run_sample() { # run_sample NAME PROG [shared|static]
    local name=$1 prog=$2 kind=${3:-shared}
    if [ ! -x "$prog" ]; then bad "$name: $prog was not built"; return; fi
    if readelf -d "$prog" | grep -q 'RPATH\|RUNPATH'; then bad "$name: $prog has an rpath"; fi
    if [ "$kind" = shared ]; then
        if readelf -d "$prog" | grep -q "NEEDED.*\[libcoroc.so.$SOMAJOR\]"; then
            ok "$name: needs libcoroc.so.$SOMAJOR"
        else
            bad "$name: does not need libcoroc.so.$SOMAJOR"
        fi
        local where
        where=$(LD_LIBRARY_PATH=$LIB_DIR ldd "$prog" | sed -n 's/.*libcoroc[^ ]* => \([^ ]*\).*/\1/p')
        [ "$(dirname "$where")" = "$LIB_DIR" ] && ok "$name: libcoroc from the install" ||
            bad "$name: libcoroc found at '$where'"
    elif readelf -d "$prog" | grep -q 'NEEDED.*libcoroc'; then
        bad "$name: linked statically, yet needs libcoroc"
    fi
    if LD_LIBRARY_PATH=$LIB_DIR timeout 20 "$prog" >"$WORK/run.out" 2>"$WORK/run.err" &&
       cmp -s "$WORK/run.out" "$EXPECTED"; then
        ok "$name: runs and prints the expected output"
    else
        bad "$name: output differs"; diff "$EXPECTED" "$WORK/run.out" | head; head "$WORK/run.err"
    fi
}
newer() { [ "$1" -nt "$WORK/stamp" ]; }

# -------------------------------------------------- 1: the make include
d=$WORK/make
cp -r "$SAMPLE" "$d"
check "make include: build" make -C "$d" COROC_MK="$MK"
run_sample "make include" "$d/prog"
[ -f "$d/a.c" ] && [ -f "$d/b.c" ] && ok "make include: keeps the generated .c" ||
    bad "make include: a.c/b.c deleted"
grep -q "^$ROOT_PREFIX/bin/coroc .*-MMD" <(make -C "$d" -n -B COROC_MK="$MK" 2>&1) &&
    ok "make include: the installed coroc by default" || bad "make include: not the installed coroc"
check "make include: up to date" make -q -C "$d" COROC_MK="$MK" prog
sleep 1; touch "$WORK/stamp"; sleep 1; touch "$d/include/shared.h"
check "make include: rebuild after touching shared.h" make -C "$d" COROC_MK="$MK"
newer "$d/a.c" && newer "$d/b.c" && ok "make include: shared.h re-ran coroc on a.cy and b.cy" ||
    bad "make include: shared.h did not re-run coroc on both .cy"
newer "$d/prog" && ok "make include: relinked" || bad "make include: not relinked"

# -------------------------------------------------- 2: CMake
for gen in "Unix Makefiles" Ninja; do
    g=${gen// /-}
    b=$WORK/cmake-$g src=$WORK/cmake-$g-src
    cp -r "$SAMPLE" "$src"
    static=OFF kind=shared
    # the static library under one generator, the shared one under the other
    [ "$gen" = Ninja ] && static=ON kind=static
    check "cmake $gen: configure" cmake -S "$src" -B "$b" -G "$gen" \
        -DCMAKE_PREFIX_PATH="$ROOT_PREFIX" -DCMAKE_SKIP_BUILD_RPATH=ON \
        -DCOROC_USE_STATIC=$static
    cdir=$(sed -n 's/^coroc_DIR:[A-Z]*=//p' "$b/CMakeCache.txt" 2>/dev/null)
    [ "$cdir" = "$LIB_DIR/cmake/coroc" ] && ok "cmake $gen: found the installed package" ||
        bad "cmake $gen: coroc_DIR is '$cdir'"
    check "cmake $gen: build" cmake --build "$b"
    run_sample "cmake $gen ($kind)" "$b/prog" $kind
    sleep 1; touch "$WORK/stamp"; sleep 1; touch "$src/include/shared.h"
    cmake --build "$b" >"$WORK/rebuild.log" 2>&1 || bad "cmake $gen: rebuild failed"
    if newer "$b/coroc/a.c" && newer "$b/coroc/b.c" &&
       grep -q 'coroc a.cy' "$WORK/rebuild.log" && grep -q 'coroc b.cy' "$WORK/rebuild.log"; then
        ok "cmake $gen: touching shared.h re-ran coroc on a.cy and b.cy"
    else
        bad "cmake $gen: touching shared.h did not re-run coroc on both"; cat "$WORK/rebuild.log"
    fi
    cmake --build "$b" >"$WORK/rebuild2.log" 2>&1
    grep -q 'coroc [ab].cy' "$WORK/rebuild2.log" && bad "cmake $gen: coroc ran with nothing changed" ||
        ok "cmake $gen: nothing re-run when nothing changed"
done

# -------------------------------------------------- 3: pkg-config by hand
pc() { PKG_CONFIG_LIBDIR=$PC_DIR PKG_CONFIG_PATH= PKG_CONFIG_SYSROOT_DIR=$PC_SYSROOT pkg-config "$@"; }
d=$WORK/pkgconfig
cp -r "$SAMPLE" "$d"
check "pkg-config: coroc.pc is valid, version $VERSION" pc --exact-version="$VERSION" coroc
cflags=$(pc --cflags coroc) libs=$(pc --libs coroc) slibs=$(pc --static --libs coroc)
coroc=$(pc --variable=coroc coroc)
[ "$coroc" = "$ROOT_PREFIX/bin/coroc" ] && ok "pkg-config: coroc variable" || bad "pkg-config: coroc='$coroc'"
case " $slibs " in *" -lm "*) ok "pkg-config --static: -lm" ;; *) bad "pkg-config --static: $slibs" ;; esac
# shellcheck disable=SC2086
(
    cd "$d" || exit 1
    "$coroc" -Iinclude -DSAMPLE_API=1 a.cy -o a.c &&
    "$coroc" -Iinclude -DSAMPLE_API=1 b.cy -o b.c &&
    cc -std=c11 -Wall -Wextra -Werror $cflags -Iinclude -DSAMPLE_API=1 -c a.c b.c main.c &&
    cc a.o b.o main.o $libs -o prog &&
    cc -static a.o b.o main.o $slibs -o prog-static
) >"$WORK/pc.log" 2>&1 && ok "pkg-config: build ($cflags $libs)" ||
    { bad "pkg-config: build"; cat "$WORK/pc.log"; }
run_sample "pkg-config" "$d/prog"
run_sample "pkg-config --static" "$d/prog-static" static

exit $failed
