#include <stdio.h>
struct P { int x, y; };
coroutine int f(int k)
{
    struct P ps[] = {k, 1, 2, k};
    yield;
    return ps[0].x;
}
