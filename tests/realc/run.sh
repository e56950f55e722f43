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

# what each package's build would generate before compiling (our own
# one-line answers, written into build/, never into the repository)
for d in "$src"/lua5.4-*/src; do
    [ -d "$d" ] && [ ! -e "$d/lua5.4-deb-multiarch.h" ] &&
        echo '#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"' >"$d/lua5.4-deb-multiarch.h"
done
for d in "$src"/jansson-*/src; do
    [ -f "$d/jansson_config.h.in" ] && [ ! -e "$d/jansson_config.h" ] &&
        sed 's/@json_inline@/inline/; s/@json_have_[a-z_]*@/1/' "$d/jansson_config.h.in" \
            >"$d/jansson_config.h"
    [ -d "$d" ] && [ ! -e "$d/jansson_private_config.h" ] &&
        printf '#define HAVE_STDINT_H 1\n#define HAVE_UNISTD_H 1\n' >"$d/jansson_private_config.h"
done
# libyaml: its version macros (from configure) and its include directory
for d in "$src"/libyaml-*; do
    [ -d "$d" ] || continue
    v=${d##*-}
    export REALC_CPPFLAGS="${REALC_CPPFLAGS:-} -I$PWD/$d/include -DYAML_VERSION_MAJOR=${v%%.*} -DYAML_VERSION_MINOR=$(echo "$v" | cut -d. -f2) -DYAML_VERSION_PATCH=${v##*.} -DYAML_VERSION_STRING=\"$v\""
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
