#!/usr/bin/env bash
# tests/realc/run.sh [--quick] [realc.py options] - coroc over real C files
# (`make realc`; never part of `make check`).
#
# Inputs, none of them copied into the repository:
#   * the C headers of /usr/include (c++ and test-framework directories
#     left out), from libc6-dev and the -dev packages installed;
#   * the example .c files that -dev packages ship in /usr/share/doc;
#   * the .c and .h files of a few Debian source packages, fetched with
#     `apt-get source` into build/realc/src (scripts/deps.sh realc adds the
#     deb-src lines); REALC_PACKAGES overrides the list.
# --quick takes only the first 300 headers.  See tests/realc/realc.py for the
# three checks (passthrough, same-object, coroutines) and their counting.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2
: "${COROC:=build/coroc}" "${JOBS:=2}"
: "${REALC_PACKAGES:=lua5.4 libyaml jansson}"
export COROC
scripts/deps.sh realc || exit 1
quick=
if [ "${1:-}" = --quick ]; then quick=1; shift; fi

src=build/realc/src
mkdir -p "$src"
for p in $REALC_PACKAGES; do
    if ! compgen -G "$src/$p-*/" >/dev/null && ! compgen -G "$src/${p}_*.dsc" >/dev/null; then
        (cd "$src" && apt-get source -q "$p" >"$p.log" 2>&1) ||
            echo "realc: apt-get source $p failed (see $src/$p.log); going on without it"
    fi
done

hdrs=build/realc/headers.txt
find /usr/include -path /usr/include/c++ -prune -o \
     \( -path '*/gtest' -o -path '*/gmock' -o -path '*/benchmark' \) -prune -o \
     -name '*.h' -type f -print | sort >"$hdrs"
[ -n "$quick" ] && { head -n 300 "$hdrs" >"$hdrs.q"; mv "$hdrs.q" "$hdrs"; }
docs=$(find /usr/share/doc -name '*.c' -type f | sort)
srcs=$(find "$src" -mindepth 1 -maxdepth 1 -type d | sort)
echo "realc: $(wc -l <"$hdrs") headers, $(printf '%s\n' $docs | grep -c .) example .c files, source packages: $(basename -a $srcs 2>/dev/null | tr '\n' ' ')"
# shellcheck disable=SC2046,SC2086
python3 tests/realc/realc.py --jobs "$JOBS" "$@" $(cat "$hdrs") $docs $srcs
