#include <stdio.h>
coroutine void f(void)
{
    defer { puts("bye"); yield; }
    yield;
}
