/* plain-C twin of utf8_ident.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int π = 3;

static int f(void)
{
    int größe = π * 2, ñ = 5;
    ;
    return größe * 10 + ñ;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
