#include <stdio.h>

/* A deferred statement runs where its block is left: there, the inner
 * 'x' would hide the one the defer names. */
static int plain(void)
{
    int x = 1;
    defer printf("x=%d\n", x);
    {
        int x = 2;
        return x;
    }
}

coroutine int co(void)
{
    int total = 1;
    defer printf("%d\n", total);
    yield;
    {
        int total = 5; /* the outer 'total' is in the frame: no clash */
        return total;
    }
}

coroutine int co2(int n)
{
    yield;
    int k = n; /* not kept across a suspension: a C local */
    defer printf("%d\n", k);
    {
        int k = 3;
        if (n)
            return k;
    }
    return 0;
}
