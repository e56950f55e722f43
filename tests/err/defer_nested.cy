#include <stdio.h>
coroutine void f(int n)
{
    if (n)
        defer puts("only sometimes");
    yield;
}
