/* coroc parses a plain function that uses defer: there yield, await,
 * throw and try are coroc's words, refused outside a coroutine */
#include <stdio.h>
int yield(int v) { return v; }
int f(int n)
{
    defer puts("x");
    return yield(n);
}
