#!/usr/bin/env bash
# tests/install/deb-test.sh DEBDIR - the Debian packages `make deb` built:
# lintian reports no error on them, and the sample project builds and runs
# against the packages unpacked (dpkg-deb -x) into a temporary root only.
# `make deb-test` runs it (slow: it needs a full package build first).
set -u
debdir=${1:?usage: $0 DEBDIR}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
shopt -s nullglob
changes=("$debdir"/coroc_*.changes)
debs=()
for p in coroc libcoroc0.2 libcoroc-dev; do
    f=("$debdir/${p}_"*.deb)
    if [ ${#f[@]} = 1 ]; then debs+=("${f[0]}"); echo "ok: built ${f[0]##*/}"; else
        echo "FAIL: no single $p package in $debdir"; failed=1; fi
done
[ $failed = 0 ] && [ ${#changes[@]} = 1 ] || { echo "FAIL: no packages to test"; exit 1; }

# lintian: errors fail the test, warnings are shown
lintian --tag-display-limit 0 "${changes[0]}" >"$tmp/lintian.log" 2>&1
if grep -q '^E:' "$tmp/lintian.log"; then
    echo "FAIL: lintian reports errors:"; grep '^E:' "$tmp/lintian.log"; failed=1
else
    echo "ok: lintian reports no error ($(grep -c '^W:' "$tmp/lintian.log") warnings)"
fi
sed 's/^/    lintian: /' "$tmp/lintian.log"

# the packages' contents, unpacked side by side
root=$tmp/root
for d in "${debs[@]}"; do
    dpkg-deb -x "$d" "$root" || { echo "FAIL: dpkg-deb -x $d"; failed=1; }
done
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
# the gdb extension, where gdb's default auto-load safe-path allows it
if cmp -s "$root/usr/share/gdb/auto-load/coroc/coroc_gdb.py" "$ROOT/gdb/coroc_gdb.py"; then
    echo "ok: coroc ships /usr/share/gdb/auto-load/coroc/coroc_gdb.py"
else
    echo "FAIL: no /usr/share/gdb/auto-load/coroc/coroc_gdb.py in the packages"; failed=1
fi
# the packaged man pages are compressed: the test reads them as man would
mkdir "$tmp/work"
WORK=$tmp/work ROOT_PREFIX=$root/usr LIB_DIR=$root/usr/lib/$multiarch \
    PC_SYSROOT=$root bash "$ROOT/tests/install/sample-build.sh" || failed=1
[ $failed = 0 ] && echo "deb-test: all passed" || echo "deb-test: FAILED"
exit $failed
