#include <stdio.h>
/* defer runs on every way out: return, failure, cancellation */
coroutine int with_cleanup(FILE *f)
{
    int n = 3;
    defer fprintf(f, "cleanup %d\n", n);
    defer fputs("second\n", f);
    yield;
    return n;
}
