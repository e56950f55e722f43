#!/usr/bin/env bash
# CY_NEXT checks at compile time that the variable it writes has the
# coroutine's yield type: an int generator stepped into a long, a pointer
# or (under -Werror: distinct pointer types) a float or an unsigned does
# not compile; into an int it does.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
try() { # try DECL: 0 when the program compiles
    cat >"$tmp/t.cy" <<EOT
coroutine(int) void gen(int n) { for (int i = 0; i < n; i++) yield i; }
int main(void) { cy_task *t = gen(2); $1; int rc = CY_NEXT(gen, t, &v); cy_task_free(t); return rc != 1; }
EOT
    "$COROC" "$tmp/t.cy" -o "$tmp/t.c" &&
        gcc -std=c11 -Wall -Wextra -Werror -Iruntime -c "$tmp/t.c" -o "$tmp/t.o" 2>"$tmp/err"
}
try 'int v = 0'
if try 'long v = 0'; then echo "a long accepted for an int yield" >&2; exit 1; fi
if try 'int *v = 0'; then echo "a pointer accepted for an int yield" >&2; exit 1; fi
if try 'float v = 0'; then echo "a float accepted for an int yield" >&2; exit 1; fi
if try 'unsigned v = 0'; then echo "an unsigned accepted for an int yield" >&2; exit 1; fi
