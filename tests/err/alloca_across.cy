#include <alloca.h>
coroutine void f(int n)
{
    char *p = alloca(n);
    yield;
    p[0] = 1;
}
