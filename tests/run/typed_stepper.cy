/* CY_NEXT, the typed stepper: every step is checked against the generic
 * cy_task_step + cy_task_yielded on a second task of the same coroutine,
 * through the fast path (a task that runs alone), a bare yield (no value),
 * an awaited child that yields the same type (its values), one of another
 * type (no value), the first step of a NEW task and a step after the end. */
#include <stdio.h>

coroutine(int) void count(int n)
{
    for (int i = 0; i < n; i++)
        yield i * 10;
}

coroutine(int) void mixed(void)
{
    yield 1;
    yield;
    yield 3;
}

coroutine(int) void inner(int base)
{
    yield base;
    yield base + 1;
}

coroutine(int) void outer(void)
{
    yield 100;
    await inner(200);
    yield 300;
}

coroutine(long) void wide(void)
{
    yield 5L;
}

coroutine(int) void other_type(void)
{
    await wide();
    yield 7;
}

/* the generic API's answer, as CY_NEXT gives it (for tasks whose frames
 * all yield ints: the generic API does not say what type a value is) */
static int generic(cy_task *t, int *v)
{
    int rc = cy_task_step(t);
    if (rc <= 0)
        return rc;
    const int *p = cy_task_yielded(t);
    if (!p)
        return 2;
    *v = *p;
    return 1;
}

#define RUN(NAME, ...)                                                      \
    do {                                                                    \
        cy_task *a = NAME(__VA_ARGS__), *b = NAME(__VA_ARGS__);             \
        int va = -1, vb = -1, ra, rb, bad = 0;                              \
        printf("%s:", #NAME);                                               \
        do {                                                                \
            ra = CY_NEXT(NAME, a, &va);                                     \
            rb = generic(b, &vb);                                           \
            printf(" %d/%d", ra, va);                                       \
            bad |= ra != rb || (ra == 1 && va != vb);                       \
        } while (ra > 0);                                                   \
        printf(" then %d%s\n", CY_NEXT(NAME, a, &va), bad ? " MISMATCH" : ""); \
        cy_task_free(a);                                                    \
        cy_task_free(b);                                                    \
    } while (0)

int main(void)
{
    RUN(count, 3);
    RUN(mixed);
    RUN(outer);
    /* wide's long is no value for an int: 2, v untouched */
    cy_task *t = other_type();
    int v = -1, rc;
    printf("other_type:");
    do {
        rc = CY_NEXT(other_type, t, &v);
        printf(" %d/%d", rc, v);
    } while (rc > 0);
    printf(" then %d\n", CY_NEXT(other_type, t, &v));
    cy_task_free(t);
    return 0;
}
