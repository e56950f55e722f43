/* plain-C twin of defer_exits.cy: each defer is gcc's cleanup attribute on
 * a nested function (which runs on every way out of its block, last
 * registered first, after a return value is computed); a yield counts a
 * step; await is a call; a throw inside try is a goto to its catch, one
 * outside a return of the error. */
#include <stdio.h>

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define DEFER(stmt)                                                        \
    auto void CAT(cy_d, __LINE__)(int *);                                  \
    void CAT(cy_d, __LINE__)(int *p) { (void)p; stmt; }                    \
    int CAT(cy_v, __LINE__) __attribute__((cleanup(CAT(cy_d, __LINE__)))) = 0

static int steps;
#define YIELD() (steps++)

static void t(const char *what, int i) { printf("%s%d ", what, i); }

/* returns 0 or the error; *res the result */
static int child(int fail, int *res)
{
    DEFER(t("child-out", fail));
    YIELD();
    if (fail)
        return -fail;
    *res = 10;
    return 0;
}

static int quick(int v)
{
    DEFER(t("quick", v));
    return v;
}

static int ways(int n, int *res)
{
    int total = 0;
    DEFER({ t("body-out", total); puts(""); });
    {
        DEFER(t("falloff", 0));
        YIELD();
        t("in", 0);
    }
    for (int i = 0; i < n; i++) {
        DEFER(t("iter", i));
        if (i == 1)
            continue;
        YIELD();
        {
            DEFER(t("inner", i));
            if (i == 3)
                break;
            total += i;
        }
    }
    int k = 0;
    while (1) {
        DEFER(t("w", k));
        switch (k) {
        case 0: {
            DEFER(t("case", 0));
            YIELD();
            k++;
            break;
        }
        case 1:
            {
                DEFER(t("case", 1));
                k = 5;
            }
            continue;
        default:
            goto out;
        }
    }
out:
    t("out", k);
    int tries = 0;
again:
    {
        DEFER(t("again", tries));
        YIELD();
        if (++tries < 3)
            goto again;
    }
    if (n > 2)
        t("now", n);
    int e;
    {
        DEFER(t("try", 1));
        {
            DEFER(t("try-inner", 1));
            YIELD();
            e = -7;
            goto catch1;
        }
    }
    if (0) {
    catch1:
        t("caught", e);
    }
    {
        DEFER(t("try", 2));
        int r;
        total += quick(100);
        if ((e = child(0, &r)))
            goto catch2;
        total += r;
        DEFER(t("after-child", total));
        if ((e = child(3, &r)))
            goto catch2;
        total += r;
        t("never", 0);
    }
    if (0) {
    catch2:
        t("caught", e);
    }
    {
        DEFER(t("ret", total));
        DEFER(total = -100);
        total = total * 2;
        if (n == 4) {
            *res = total;
            return 0;
        }
    }
    *res = -1;
    return 0;
}

static int thrower(int n)
{
    DEFER(t("thrower-out", n));
    {
        DEFER(t("block", n));
        YIELD();
        if (n)
            return -n;
    }
    return 0;
}

int main(void)
{
    for (int n = 3; n <= 4; n++) {
        int r = 0;
        steps = 0;
        ways(n, &r);
        printf("n=%d steps=%d status=%s result=%d\n", n, steps, "FINISHED", r);
    }
    int e = thrower(2);
    printf("\nthrower: %s %d\n", "ERROR", e);
    return 0;
}
