/* plain-C twin of gnu_typeof.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    long big = 1L << 40;
    short sm = 7;
    ;
    __typeof__(big) b2 = big + 1;
    __typeof__(sm) s2 = (__typeof__(sm))(sm * 3);
    ;
    return (int)(b2 >> 38) * 100 + s2 + (int)sizeof(__typeof__(big)) * 1000;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
