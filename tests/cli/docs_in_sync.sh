#!/usr/bin/env bash
# docs/generated-code.md shows tests/emit/tic_tac.cy and its golden output
# tic_tac.c: the page's first two ```c blocks must be exactly those files,
# so that the page cannot drift from the code.
set -euo pipefail
doc=docs/generated-code.md
block() { # block N: the Nth ```c block of $doc
    awk -v want="$1" '/^```c$/ { n++; if (n == want) { on = 1; next } }
                      /^```$/ { on = 0 } on' "$doc"
}
diff -u --label "$doc (input)" --label tests/emit/tic_tac.cy <(block 1) tests/emit/tic_tac.cy
diff -u --label "$doc (output)" --label tests/emit/tic_tac.c <(block 2) tests/emit/tic_tac.c
