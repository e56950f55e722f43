/* C2y defer TS: a jump may not enter the scope of a defer past it */
#include <stdio.h>
coroutine void f(int n)
{
    if (n)
        goto later;
    defer puts("registered");
later:
    yield;
}
