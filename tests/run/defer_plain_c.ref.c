/* plain-C twin of defer_plain_c.cy: each defer is gcc's cleanup attribute
 * on a nested function (every way out of its block, last registered
 * first, after a return value is computed); if (n) defer x; runs x at
 * once. */
#include <stdio.h>
#include <stdlib.h>

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define DEFER(...)                                                         \
    void CAT(cy_d, __LINE__)(int *p) { (void)p; __VA_ARGS__; }             \
    int CAT(cy_v, __LINE__) __attribute__((cleanup(CAT(cy_d, __LINE__)))) = 0

static void t(const char *what, int i) { printf("%s%d ", what, i); }

static int sum_to(int n)
{
    int total = 0;
    DEFER(t("sum", total));
    for (int i = 0; i < n; i++) {
        DEFER(t("i", i));
        if (i % 2)
            continue;
        if (i > 6)
            break;
        total += i;
    }
    {
        DEFER(total = -1);
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
    DEFER(free(tmp));
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
        DEFER(t("again", k));
        if (++k < n)
            goto again;
    }
    switch (n) {
    case 3: {
        DEFER(t("case", 3));
        if (k == 3)
            break;
        t("never", 0);
    }
    /* fall through */
    default:
        t("default", n);
    }
    if (n)
        t("now", n);
    while (k > 0) {
        DEFER(t("w", k));
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
