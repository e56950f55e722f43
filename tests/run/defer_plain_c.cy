/* issue 10: defer in plain C functions of a .cy file (no coroutine
 * around): block scoped as the C2y defer TS says, on every way out, the
 * return value computed before the defers run.  The expected output comes
 * from defer_plain_c.ref.c (gcc's cleanup attribute, no coroc). */
#include <stdio.h>
#include <stdlib.h>

static void t(const char *what, int i) { printf("%s%d ", what, i); }

static int sum_to(int n)
{
    int total = 0;
    defer t("sum", total);
    for (int i = 0; i < n; i++) {
        defer t("i", i);
        if (i % 2)
            continue;
        if (i > 6)
            break;
        total += i;
    }
    {
        defer total = -1;       /* runs after the value below is computed */
        return total;
    }
}

static char *dup_upper(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    char *tmp = malloc(n + 1);
    if (!tmp)
        return NULL;
    defer free(tmp);
    for (size_t i = 0; i <= n; i++)
        tmp[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        out[i] = tmp[i];
    return out;
}

static void walk(int n)
{
    int k = 0;
again:
    {
        defer t("again", k);
        if (++k < n)
            goto again;
    }
    switch (n) {
    case 3: {
        defer t("case", 3);
        if (k == 3)
            break;
        t("never", 0);
    }
    /* fall through */
    default:
        t("default", n);
    }
    if (n)
        defer t("now", n);
    while (k > 0) {
        defer t("w", k);
        if (--k == 1)
            goto done;
    }
done:
    t("done", k);
    return;
}

int main(void)
{
    for (int n = 0; n < 10; n += 3)
        printf("-> %d\n", sum_to(n));
    char *u = dup_upper("defer me");
    printf("%s\n", u);
    free(u);
    walk(3);
    puts("");
    return 0;
}
