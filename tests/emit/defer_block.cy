#include <stdio.h>
/* block-scoped defer: each way out of a block writes its defers, last
 * registered first; a cancellation runs those of its resume point, which
 * the frame keeps in cy_at */
coroutine int check(int i)
{
    yield;
    if (i > 7)
        throw -34;
    return i % 3;
}

coroutine(int) int scan(FILE *f, int n)
{
    int found = 0;
    defer fprintf(f, "scanned %d\n", found);
    for (int i = 0; i < n; i++) {
        defer fputs("next\n", f);
        if (i == 2)
            continue;
        yield i;
        if (i == 5)
            break;
        found += await check(i);
    }
    return found;
}
