/* plain-C twin of indent_pragma.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    int s = 0;
    #pragma GCC unroll 2
    for (int i = 0; i < 4; i++) {
        ;
        s += i;
    }
	#pragma GCC unroll 3
#ifndef __clang__
    #pragma GCC ivdep
#endif
    for (int i = 0; i < 3; i++)
        s += 10;
    return s;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
