/* plain-C twin of if0_before_coroutine.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

#if 0
this is not C at all { ( yield coroutine
#endif
static int f(void)
{
    int k = 5;
    ;
    return k * 3;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
