/* conditionals inside a coroutine body (issue 10): one translation, built
 * in the configurations of cond_config.cfg, each compared with the plain-C
 * twin cond_config.ref.c built with the same flags.  Locals declared in a
 * branch (one name, a different type in each branch of #if/#elif/#else)
 * and used after the #endif, yields and awaits in branches, nested
 * conditionals, case labels in branches, a defer and a try in a branch,
 * #if 0 text that is not C, #error in a branch never taken, and #define,
 * #undef and #pragma lines that stay where they stand. */
#include <stdio.h>

#ifndef LEVEL
#define LEVEL 0
#endif

#ifdef DEBUG
struct trace { int calls; int last; };

coroutine int check(int v)
{
    return v % 7;
}
#endif

coroutine(int) int work(int n)
{
    int total = 0;
#ifdef DEBUG
    struct trace tr = { 0, -1 };
    defer printf("work: %d calls traced\n", tr.calls);
#endif
#if LEVEL >= 2
    long scale = 100;
#elif LEVEL == 1
    short scale = 10;
#else
    int scale = 1;
#endif
    for (int i = 0; i < n; i++) {
        yield (int)(i * scale);
#ifdef DEBUG
        tr.calls++;
        tr.last = i;
        total += await check(i + 5);
#endif
        total += i;
    }
#ifdef DEBUG
    yield tr.calls * 1000 + tr.last;
#endif
    switch (n % 3) {
    case 0:
#if LEVEL > 0
        yield -1;
#endif
        total += 1;
        break;
#ifndef DEBUG
    case 1:
        yield -2;
        break;
#endif
    default:
        total += 5;
        break;
    }
#if 0
    this text is not C, and coroc does not read it: try { } catch
#endif
#if LEVEL > 3
#error "LEVEL is at most 3"
#endif
#define STEP 3
    total += STEP;
#undef STEP
#pragma GCC diagnostic push
#if LEVEL == 1
    try {
        if (total > 8)
            throw -5;
        yield 77;
    } catch (int e) {
        printf("caught %d\n", e);
        yield e;
    }
#endif
#pragma GCC diagnostic pop
#ifdef DEBUG
# if LEVEL >= 2
    {
        int extra = total;
        yield extra;
        total += extra % 5;
    }
# else
    yield total;
# endif
#endif
    return total * (int)scale;
}

int main(void)
{
    for (int n = 3; n <= 5; n++) {
        cy_task *t = work(n);
        while (cy_task_step(t) > 0)
            printf("y %d\n", CY_YIELDED(t, int));
        printf("FINISHED %d\n", CY_RESULT(t, int));
        cy_task_free(t);
    }
    return 0;
}
