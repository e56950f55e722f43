/* conditionals in a coroutine body: the frame member of a local declared
 * in a branch, a name with another type in each branch of #if/#elif/#else,
 * the dispatch's case labels and a defer under their branch's directives */
#include <stdio.h>

coroutine(int) int count(int n)
{
#ifdef TRACE
    int steps = 0;
    defer printf("%d steps\n", steps);
#endif
#if WIDTH > 32
    long long v = n;
#elif WIDTH > 16
    long v = n;
#else
    int v = n;
#endif
    while (v > 0) {
        yield (int)v;
#ifdef TRACE
        steps++;
#else
        yield 0;
#endif
        v--;
    }
    return 0;
}
