/* plain-C twin of defer_cancel.cy: each defer is gcc's cleanup attribute on
 * a nested function; the k-th suspension is where the task is cancelled:
 * there the function returns CANCEL, which runs the cleanups of every
 * block it is in, and an awaiting caller returns CANCEL in turn; a throw
 * is a goto to its catch. */
#include <stdio.h>

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define DEFER(stmt)                                                        \
    auto void CAT(cy_d, __LINE__)(int *);                                  \
    void CAT(cy_d, __LINE__)(int *p) { (void)p; stmt; }                    \
    int CAT(cy_v, __LINE__) __attribute__((cleanup(CAT(cy_d, __LINE__)))) = 0

enum { CANCEL = 1 };
static int steps, cancel_at;
#define YIELD()                            \
    do {                                   \
        if (++steps == cancel_at) {        \
            printf("| ");                  \
            return CANCEL;                 \
        }                                  \
    } while (0)

static void t(const char *what, int i) { printf("%s%d ", what, i); }

static int leaf(int id, int *res)
{
    DEFER(t("leaf-out", id));
    {
        DEFER(t("leaf-block", id));
        YIELD();
    }
    YIELD();
    *res = id;
    return 0;
}

static int body(int mode, int *res)
{
    int acc = 0;
    DEFER(t("out", acc));
    YIELD();
    {
        DEFER(t("a", acc));
        YIELD();
        {
            DEFER(t("b", acc));
            acc += 1;
            YIELD();
        }
        YIELD();
    }
    for (int i = 0; i < 3; i++) {
        DEFER(t("iter", i));
        YIELD();
        if (i == 1) {
            DEFER(t("one", i));
            YIELD();
            continue;
        }
        acc += i;
    }
    switch (mode) {
    case 0: {
        DEFER(t("case", 0));
        YIELD();
        break;
    }
    default: {
        DEFER(t("case", 1));
        YIELD();
    }
    }
    int e;
    {
        DEFER(t("try", acc));
        int r;
        if (leaf(acc, &r))
            return CANCEL;
        acc += r;
        YIELD();
        e = -4;
        goto catch1;
    }
    if (0) {
    catch1: {
            DEFER(t("catch", e));
            YIELD();
        }
    }
    *res = acc;
    return 0;
}

int main(void)
{
    for (int mode = 0; mode < 2; mode++)
        for (int k = 1;; k++) {
            printf("[mode %d k %d] ", mode, k);
            steps = 0;
            cancel_at = k;
            int r;
            if (!body(mode, &r)) {
                printf("finished %d\n", r);
                break;
            }
            if (k % 2)
                printf("%s ", "CANCELLED");
            printf("freed\n");
        }
    return 0;
}
