/* plain-C twin of macro_storage_class.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

#define local static
#define CONST const

local int g(CONST int *p)
{
    ;
    return *p * 2;
}

local int f(void)
{
    int v = 21;
    ;
    return g(&v);
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
