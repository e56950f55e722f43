/* issue 10: cancellation at each suspension point of a coroutine whose
 * defers are block scoped: in nested blocks, a loop body (per iteration),
 * switch cases, try and catch, an awaited child (its defers first); each
 * defer registered runs exactly once, innermost first.  The coroutine is
 * cancelled after 1, 2, ... steps until it finishes; the expected output
 * comes from defer_cancel.ref.c (gcc's cleanup attribute, no coroc). */
#include <stdio.h>

static void t(const char *what, int i) { printf("%s%d ", what, i); }

coroutine int leaf(int id)
{
    defer t("leaf-out", id);
    {
        defer t("leaf-block", id);
        yield;
    }
    yield;
    return id;
}

coroutine(int) int body(int mode)
{
    int acc = 0;
    defer t("out", acc);
    yield 1;
    {
        defer t("a", acc);
        yield 2;
        {
            defer t("b", acc);
            acc += 1;
            yield 3;
        }
        yield 4;
    }
    for (int i = 0; i < 3; i++) {
        defer t("iter", i);
        yield 5;
        if (i == 1) {
            defer t("one", i);
            yield 6;
            continue;
        }
        acc += i;
    }
    switch (mode) {
    case 0: {
        defer t("case", 0);
        yield 7;
        break;
    }
    default: {
        defer t("case", 1);
        yield 8;
    }
    }
    try {
        defer t("try", acc);
        acc += await leaf(acc);
        yield 9;
        throw -4;
    } catch (int e) {
        defer t("catch", e);
        yield 10;
    }
    return acc;
}

int main(void)
{
    for (int mode = 0; mode < 2; mode++)
        for (int k = 1;; k++) {
            printf("[mode %d k %d] ", mode, k);
            cy_task *c = body(mode);
            int steps = 0;
            while (steps < k && cy_task_step(c) > 0)
                steps++;
            if (cy_task_status(c) == CY_FINISHED) {
                printf("finished %d\n", CY_RESULT(c, int));
                cy_task_free(c);
                break;
            }
            printf("| ");
            if (k % 2) {
                cy_task_cancel(c);      /* cancel, then free */
                printf("%s ", cy_status_name(cy_task_status(c)));
            }
            cy_task_free(c);            /* frees, cancelling if need be */
            printf("freed\n");
        }
    return 0;
}
