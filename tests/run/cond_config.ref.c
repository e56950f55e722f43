/* plain-C twin of cond_config.cy: the coroutines are functions, a yield
 * prints its value, await is a call, the defer runs before the return */
#include <stdio.h>

#ifndef LEVEL
#define LEVEL 0
#endif

static void Y(int v) { printf("y %d\n", v); }

#ifdef DEBUG
struct trace { int calls; int last; };

static int check(int v)
{
    return v % 7;
}
#endif

static int work(int n)
{
    int total = 0;
#ifdef DEBUG
    struct trace tr = { 0, -1 };
#endif
#if LEVEL >= 2
    long scale = 100;
#elif LEVEL == 1
    short scale = 10;
#else
    int scale = 1;
#endif
    for (int i = 0; i < n; i++) {
        Y((int)(i * scale));
#ifdef DEBUG
        tr.calls++;
        tr.last = i;
        total += check(i + 5);
#endif
        total += i;
    }
#ifdef DEBUG
    Y(tr.calls * 1000 + tr.last);
#endif
    switch (n % 3) {
    case 0:
#if LEVEL > 0
        Y(-1);
#endif
        total += 1;
        break;
#ifndef DEBUG
    case 1:
        Y(-2);
        break;
#endif
    default:
        total += 5;
        break;
    }
#define STEP 3
    total += STEP;
#undef STEP
#if LEVEL == 1
    if (total > 8) {
        int e = -5;
        printf("caught %d\n", e);
        Y(e);
    } else {
        Y(77);
    }
#endif
#ifdef DEBUG
# if LEVEL >= 2
    {
        int extra = total;
        Y(extra);
        total += extra % 5;
    }
# else
    Y(total);
# endif
#endif
    int r = total * (int)scale;
#ifdef DEBUG
    printf("work: %d calls traced\n", tr.calls);
#endif
    return r;
}

int main(void)
{
    for (int n = 3; n <= 5; n++)
        printf("FINISHED %d\n", work(n));
    return 0;
}
