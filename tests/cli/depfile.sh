#!/usr/bin/env bash
# -MD, -MMD, -MF, -MT, -MQ, -MP: the make rule coroc writes lists the .cy
# and the headers its preprocessor run read (system ones only with -MD),
# each once, quoted for make; make itself then re-runs coroc when a header
# changes, and -MP keeps a deleted header from breaking the build.
# shellcheck disable=SC2016  # conditions are eval'ed later
set -u
COROC=${COROC:-build/coroc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check DESCRIPTION CONDITION...
    if ! eval "${*:2}"; then echo "FAIL: $1"; fail=1; fi
}

mkdir -p "$tmp/src/inc" "$tmp/sp ace"
cat >"$tmp/src/inc/shared.h" <<'EOF'
#pragma once
#include "nested.h"
typedef struct { int n; } shared_t;
EOF
echo 'typedef int nested_t;' >"$tmp/src/inc/nested.h"
echo 'typedef int spaced_t;' >"$tmp/sp ace/odd#name.h"
cat >"$tmp/src/a.cy" <<'EOF'
#include <stdio.h>
#include "coroc.h"
#include "shared.h"
#include "shared.h"
#include "odd#name.h"
coroutine int count(shared_t s) { yield; nested_t k = s.n; spaced_t j = k; return j; }
EOF
cd "$tmp" || exit 1

"$COROC" -MMD -Isrc/inc -I"sp ace" src/a.cy -o src/a.c 2>err; rc=$?
check "-MMD: exit 0 (got $rc)" '[ $rc = 0 ]'
check "-MMD: src/a.c written" '[ -s src/a.c ]'
check "-MMD: default file src/a.c.d" '[ -f src/a.c.d ]'
check "-MMD: target and input first" 'head -n 1 src/a.c.d | grep -qx "src/a.c: src/a.cy \\\\"'
check "-MMD: lists src/inc/shared.h" 'grep -q "^ src/inc/shared.h" src/a.c.d'
check "-MMD: lists the nested header" 'grep -q "^ src/inc/nested.h" src/a.c.d'
check "-MMD: shared.h listed once" '[ "$(grep -c shared.h src/a.c.d)" = 1 ]'
check "-MMD: blank and # quoted" 'grep -qF "sp\\ ace/odd\\#name.h" src/a.c.d'
check "-MMD: no system header" '! grep -q "stdio.h" src/a.c.d'
check "-MMD: never the runtime header or the skeleton" '! grep -q "coroc.h\|/tmp/coroc-\|<" src/a.c.d'
check "-MMD: no phony rules without -MP" '[ "$(grep -c ":" src/a.c.d)" = 1 ]'

"$COROC" -MD -MP -MF deps/a.dep -MT 'obj/a.c' -MQ 'x$y' -Isrc/inc -I"sp ace" \
    src/a.cy -o src/a.c 2>err; rc=$?
check "-MF into a missing directory: exit 1 (got $rc)" '[ $rc = 1 ]'
check "-MF into a missing directory: an error" 'grep -q "cannot write" err'
mkdir deps
"$COROC" -MD -MP -MF deps/a.dep -MT 'obj/a.c' -MQ 'x$y' -Isrc/inc -I"sp ace" \
    src/a.cy -o src/a.c 2>err; rc=$?
check "-MD -MF: exit 0 (got $rc)" '[ $rc = 0 ]'
check "-MD: targets from -MT and -MQ" 'head -n 1 deps/a.dep | grep -qF "obj/a.c x\$\$y: src/a.cy"'
check "-MD: system headers too" 'grep -q "/stdio.h" deps/a.dep'
check "-MP: a phony rule per header" 'grep -qx "src/inc/nested.h:" deps/a.dep'
check "-MP: none for the input" '! grep -qx "src/a.cy:" deps/a.dep'

# Usage errors: exit 2, nothing written.
rm -f src/a.c
"$COROC" -MF x.d src/a.cy -o src/a.c 2>err; rc=$?
check "-MF without -MD: exit 2 (got $rc)" '[ $rc = 2 ] && [ ! -e x.d ] && [ ! -e src/a.c ]'
"$COROC" -MD src/a.cy -o - >/dev/null 2>err; rc=$?
check "-MD with -o - and no -MF/-MT: exit 2 (got $rc)" '[ $rc = 2 ]'
"$COROC" -MD -MF o.d -MT out -Isrc/inc -I"sp ace" src/a.cy -o - >/dev/null 2>err; rc=$?
check "-MD with -o -, -MF and -MT: exit 0 (got $rc)" '[ $rc = 0 ] && grep -q "^out: src/a.cy" o.d'
"$COROC" src/a.cy -o src/a.c -MT 2>err; rc=$?
check "-MT without its argument: exit 2 (got $rc)" '[ $rc = 2 ] && grep -q "needs an argument" err'

# A translation error writes no depfile.
echo 'coroutine int bad(void) { yield 1 }' >bad.cy
"$COROC" -MD bad.cy -o bad.c 2>err; rc=$?
check "error: exit 1 (got $rc)" '[ $rc = 1 ] && [ ! -e bad.c.d ] && [ ! -e bad.c ]'

# --no-cpp: only the input is known.
printf "int x;\ncoroutine int g(void) { yield; return 1; }\n" >plain.cy
"$COROC" -MD --no-cpp plain.cy -o nc.c 2>err; rc=$?
check "--no-cpp -MD: the input alone" '[ $rc = 0 ] && [ "$(cat nc.c.d)" = "nc.c: plain.cy" ]'

# make uses it: touching a header re-runs coroc, deleting one (with -MP)
# does not break the build.
if command -v make >/dev/null; then
    cat >Makefile <<EOF
src/a.c: src/a.cy
	"$COROC" -MMD -MP -Isrc/inc -I"sp ace" \$< -o \$@
-include src/a.c.d
EOF
    make -s >mk.log 2>&1
    make -q src/a.c; rc=$?
    check "make: up to date after a build (make -q: $rc)" '[ $rc = 0 ]'
    sleep 1; touch src/inc/nested.h
    make -q src/a.c; rc=$?
    check "make: a touched nested header makes src/a.c stale (make -q: $rc)" '[ $rc = 1 ]'
    make -s >mk.log 2>&1
    sed -i '/nested.h/d' src/inc/shared.h; rm src/inc/nested.h
    echo 'typedef int nested_t;' >>src/inc/shared.h
    make -s >mk.log 2>&1; rc=$?
    check "make: a deleted header does not break the build ($rc: $(head -c 200 mk.log))" '[ $rc = 0 ]'
    check "make: the new depfile drops it" '! grep -q nested.h src/a.c.d'
fi
exit $fail
