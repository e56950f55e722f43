#!/usr/bin/env bash
# scripts/deps.sh [build|test|deb|realc|fuzz|bench] - make sure coroc's build and test tools
# exist.
#
#   build  flex, bison, gcc, make, ar       (enough for `make`)
#   test   the above plus clang, valgrind and the cmocka header, g++ and
#          python3 when bench/ has C++ or Python files, and for the install
#          test cmake, ninja, pkg-config and man (everything `make examples`
#          and `make check` need, gdb for the debugger test; the default)
#   deb    the above plus dpkg-dev, debhelper, lintian and git (`make deb`,
#          `make deb-test`)
#   realc  the packages whose headers and C files `make realc` translates
#   fuzz   the test tools plus AFL++ (afl-fuzz, afl-cc) for `make fuzz`;
#          `make soak` needs only the test tools
#   bench  the test tools plus the anchors of `make bench` (libuv1-dev,
#          python3-uvloop), gnuplot-nox for its chart, strace and perf to
#          profile (a missing anchor only makes its rows n/a)
#
# Missing tools are installed with apt-get when running as root (Debian 12);
# otherwise the exact command to run is printed and the script exits 1.
set -euo pipefail

mode=${1:-test}
case $mode in
build|test|deb|realc|fuzz|bench) ;;
*) echo "usage: $0 [build|test|deb|realc|fuzz|bench]" >&2; exit 2 ;;
esac

missing=()   # Debian package names
need_cmd() { # need_cmd COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need_file() { # need_file PATH PACKAGE
    [ -e "$1" ] || missing+=("$2")
}

need_cmd make make
need_cmd gcc gcc
need_cmd ar binutils
need_cmd flex flex
need_cmd bison bison
if [ "$mode" != build ]; then
    need_cmd clang clang
    need_cmd valgrind valgrind
    need_file /usr/include/cmocka.h libcmocka-dev
    need_cmd timeout coreutils
    need_cmd diff diffutils
    need_cmd flock util-linux
    need_cmd xargs findutils
    # The benchmarks' smoke run (part of `make check`) compares with C++
    # and Python versions when bench/ has them.
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    if compgen -G "$root/bench/*.cpp" >/dev/null; then need_cmd g++ g++; fi
    if compgen -G "$root/bench/*.py" >/dev/null; then need_cmd python3 python3; fi
    # The install test (tests/install/): the sample project built with
    # CMake under both generators and with pkg-config, the man pages
    # rendered, the library's soname and exports read, and a static link.
    need_cmd cmake cmake
    need_cmd ninja ninja-build
    need_cmd pkg-config pkgconf
    need_cmd man man-db
    need_cmd vim vim
    need_cmd readelf binutils
    # tests/cli/gdb_session.sh: the gdb extension (gdb/coroc_gdb.py)
    need_cmd gdb gdb
    need_cmd nm binutils
    need_file /sbin/ldconfig libc-bin
    # the static libc, for the `pkg-config --static` link
    if [ "$(gcc -print-file-name=libc.a 2>/dev/null)" = libc.a ]; then
        missing+=(libc6-dev)
    fi
    # the quick differential run (tests/difftest/, Python 3 stdlib only)
    if [ -d "$root/tests/difftest" ]; then need_cmd python3 python3; fi
fi
if [ "$mode" = deb ]; then
    need_cmd dpkg-buildpackage dpkg-dev
    need_cmd dh debhelper
    need_cmd lintian lintian
    need_cmd git git
fi
# `scripts/deps.sh realc`: what `make realc` needs beyond the test tools:
# objdump, dpkg-source for `apt-get source`, the -dev packages whose headers
# and example .c files it translates, and deb-src lines (a sources file of
# coroc's own, next to the system's) so that `apt-get source` finds the
# source packages tests/realc/run.sh unpacks into build/.
if [ "$mode" = realc ]; then
    need_cmd python3 python3
    need_cmd objdump binutils
    need_cmd dpkg-source dpkg-dev
    for p in zlib1g-dev nettle-dev libexpat1-dev liblzma-dev libidn2-dev \
             libtasn1-6-dev libpng-dev libxmlsec1-dev; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    src=/etc/apt/sources.list.d/coroc-deb-src.sources
    if [ ! -e "$src" ] && [ "$(id -u)" -eq 0 ] &&
       [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed -n 's/^Types: deb$/Types: deb-src/p; /^\(URIs\|Suites\|Components\|Signed-By\):/p; /^$/p' \
            /etc/apt/sources.list.d/debian.sources >"$src"
        echo "deps.sh: added deb-src lines in $src"
        apt-get update -q </dev/null
    fi
fi
if [ "$mode" = bench ]; then
    need_file /usr/include/uv.h libuv1-dev
    dpkg -s python3-uvloop >/dev/null 2>&1 || missing+=(python3-uvloop)
    need_cmd gnuplot gnuplot-nox
    need_cmd strace strace
    need_cmd perf linux-perf
fi
if [ "$mode" = fuzz ]; then
    need_cmd afl-fuzz afl++
    need_cmd afl-cc afl++
    need_cmd afl-cmin afl++
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

# Deduplicate, keep order.
pkgs=$(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++' | tr '\n' ' ')
pkgs=${pkgs% }

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: missing Debian packages: $pkgs" >&2
    echo "deps.sh: apt-get not found; install the equivalent packages by hand." >&2
    exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages: $pkgs" >&2
    echo "deps.sh: not running as root; install them with:" >&2
    echo "" >&2
    echo "    sudo apt-get update && sudo apt-get install -y $pkgs" >&2
    echo "" >&2
    echo "then run the make command again." >&2
    exit 1
fi

echo "deps.sh: installing: $pkgs"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
apt-get update -q </dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $pkgs </dev/null
echo "deps.sh: done"
