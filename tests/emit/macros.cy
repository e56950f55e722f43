/* issue 10: the macro uses coroc expands (a loop head, a statement macro
 * with a yield, a macro naming a frame local, # on a local, a storage
 * class) and those it leaves as written (MAX, LIMIT) */
#include <stdio.h>

#define local static
#define LIMIT 3
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define for_each(i, a) for (size_t i = 0; i < sizeof a / sizeof *a; i++)
#define YIELD_TWICE(v) do { yield (v); yield (v) + 1; } while (0)
#define SHOW_TOTAL() printf("total %d\n", total)
#define SHOW(v) printf("%s = %d\n", #v, (v))

local coroutine(int) int sums(void)
{
    int w[] = {4, 5, 6};
    int total = 0;
    for_each(i, w) {
        total = MAX(total, w[i]) + LIMIT;
        YIELD_TWICE(total);
    }
    SHOW_TOTAL();
    SHOW(total);
    return total;
}
