/* issue 10: block-scoped defer, every way out of a block, in a coroutine
 * that suspends in each of them: falling off the end, break, continue,
 * goto out (forward and back), return (the value computed before the
 * defers run), throw to a catch, throw out, a failed await; defers in loop
 * bodies (once per iteration), switch cases, nested blocks, an if without
 * braces.  The expected output comes from defer_exits.ref.c (gcc's
 * cleanup attribute, no coroc). */
#include <stdio.h>

static void t(const char *what, int i) { printf("%s%d ", what, i); }

coroutine int child(int fail)
{
    defer t("child-out", fail);
    yield;
    if (fail)
        throw -fail;
    return 10;
}

/* finishes at once: the awaiting frame goes on without suspending */
coroutine int quick(int v)
{
    defer t("quick", v);
    return v;
}

coroutine int ways(int n)
{
    int total = 0;
    defer { t("body-out", total); puts(""); }
    {
        defer t("falloff", 0);
        yield;
        t("in", 0);
    }
    for (int i = 0; i < n; i++) {
        defer t("iter", i);
        if (i == 1)
            continue;
        yield;
        {
            defer t("inner", i);
            if (i == 3)
                break;
            total += i;
        }
    }
    int k = 0;
    while (1) {
        defer t("w", k);
        switch (k) {
        case 0: {
            defer t("case", 0);
            yield;
            k++;
            break;
        }
        case 1:
            {
                defer t("case", 1);
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
        defer t("again", tries);
        yield;
        if (++tries < 3)
            goto again;
    }
    if (n > 2)
        defer t("now", n);
    try {
        defer t("try", 1);
        {
            defer t("try-inner", 1);
            yield;
            throw -7;
        }
    } catch (int e) {
        t("caught", e);
    }
    try {
        defer t("try", 2);
        total += await quick(100);
        total += await child(0);
        defer t("after-child", total);
        total += await child(3);
        t("never", 0);
    } catch (int e) {
        t("caught", e);
    }
    {
        defer t("ret", total);
        defer total = -100;   /* after the return value is computed */
        total = total * 2;
        if (n == 4)
            return total;
    }
    return -1;
}

coroutine int thrower(int n)
{
    defer t("thrower-out", n);
    {
        defer t("block", n);
        yield;
        if (n)
            throw -n;
    }
    return 0;
}

int main(void)
{
    for (int n = 3; n <= 4; n++) {
        cy_task *w = ways(n);
        int steps = 0;
        while (cy_task_step(w) > 0)
            steps++;
        printf("n=%d steps=%d status=%s result=%d\n", n, steps,
               cy_status_name(cy_task_status(w)),
               cy_task_status(w) == CY_FINISHED ? CY_RESULT(w, int) : 0);
        cy_task_free(w);
    }
    cy_task *th = thrower(2);
    while (cy_task_step(th) > 0)
        ;
    printf("\nthrower: %s %d\n", cy_status_name(cy_task_status(th)), cy_task_error(th));
    cy_task_free(th);
    return 0;
}
