/* a deferred statement cannot end its coroutine again, nor suspend */
#include <stdio.h>
coroutine int f(int n)
{
    defer { if (n) return 1; }
    defer throw -5;
    defer await f(n - 1);
    yield;
    return 0;
}
