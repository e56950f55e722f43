#!/usr/bin/env bash
# scripts/deps.sh [build|test|fuzz] - make sure coroc's build and test tools
# exist.
#
#   build  flex, bison, gcc, make, ar       (enough for `make`)
#   test   the above plus clang, valgrind and the cmocka header, and g++ and
#          python3 when bench/ has C++ or Python files (everything
#          `make examples` and `make check` need; the default)
#   fuzz   the test tools plus AFL++ (afl-fuzz, afl-cc) for `make fuzz`;
#          `make soak` needs only the test tools
#
# Missing tools are installed with apt-get when running as root (Debian 12);
# otherwise the exact command to run is printed and the script exits 1.
set -euo pipefail

mode=${1:-test}
case $mode in
build|test|fuzz) ;;
*) echo "usage: $0 [build|test|fuzz]" >&2; exit 2 ;;
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
if [ "$mode" = test ] || [ "$mode" = fuzz ]; then
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
