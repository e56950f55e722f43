#!/usr/bin/env bash
# Deep nesting inside a coroutine: at least what gcc accepts by default
# (2 500 nested ifs, 10 000 parentheses), with the program still right;
# past MAX_NESTING, a message that says the nesting is too deep.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/deep.cy", "w") as f:
    f.write("coroutine int f(int x)\n{\n")
    f.write("if (x > 0) {\n" * 2500 + "yield; x++;\n" + "}\n" * 2500)
    f.write("int y = " + "(" * 10000 + "x" + ")" * 10000 + ";\n")
    f.write("return y;\n}\n")
    f.write("int main(void)\n{\n    cy_task *t = f(3);\n    while (cy_task_step(t) > 0) {}\n"
            "    int r = CY_RESULT(t, int);\n    cy_task_free(t);\n    return r == 4 ? 0 : 1;\n}\n")
with open(d + "/deeper.cy", "w") as f:
    f.write("coroutine int g(int x)\n{\n    return " + "(" * 25000 + "x" + ")" * 25000 + ";\n}\n")
PY
"$COROC" --no-cpp "$tmp/deep.cy" -o "$tmp/deep.c"
${CC:-gcc} -std=c11 -Iruntime "$tmp/deep.c" "$LIBA" -o "$tmp/deep"
"$tmp/deep"
if "$COROC" --no-cpp "$tmp/deeper.cy" -o "$tmp/deeper.c" 2>"$tmp/err"; then
    echo "25 000 parentheses were accepted" >&2; exit 1
fi
grep -q "nesting too deep: more than 20000 levels" "$tmp/err"
