/* The coroutines of net.h; the header is included, so coroc checks that
 * each definition agrees with its prototype there. */
#include "net.h"

coroutine int add_slowly(int a, int b)
{
    yield;
    return a + b;
}

coroutine const char *greeting(void)
{
    return "hello";
}

coroutine(int) void count_to(int n)
{
    for (int i = 1; i <= n; i++)
        yield i;
}

coroutine(double, double) double averager(void)
{
    double total = 0, count = 0, average = 0;
    for (;;) {
        double term = yield average;
        if (term < 0)
            return average;
        total += term;
        count += 1;
        average = total / count;
    }
}
