/* C2y defer TS: no jump out of a deferred statement; coroc writes the
 * statement on each way out of its block, so it holds no label either */
#include <stdio.h>
coroutine void f(int n)
{
    for (int i = 0; i < n; i++) {
        defer { if (i) break; }
        defer { if (i) continue; }
        defer { for (;;) break; }
        defer { again: puts("x"); }
        defer { goto done; }
        yield;
    }
done:;
}
