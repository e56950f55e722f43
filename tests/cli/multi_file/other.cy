/* A second .cy file that includes net.h and drives a generator of it. */
#include "net.h"

coroutine(int) int doubled(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        sum += 2 * i;
        yield sum;
    }
    return await add_slowly(sum, 1000);
}
