/* plain-C twin of gnu_auto_type.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    __auto_type d = 2.75;
    __auto_type n = 40u;
    ;
    __auto_type p = &n;
    ;
    return (int)(d * 4) + (int)*p + (int)sizeof d;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
