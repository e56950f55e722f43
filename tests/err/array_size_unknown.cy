#include <stdio.h>
struct P { int x, y; };
coroutine int f(struct P q)
{
    struct P ps[] = {q, 1, 2};  /* q is a struct: one element, or its x? */
    yield;
    return ps[0].x;
}
