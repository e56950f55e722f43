/* plain-C twin of local_enum.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    enum { LO = -3, MID, HI = 3 } e = HI;
    ;
    int r = e * 100 + LO * 10 + MID;
    ;
    return r + (int)sizeof e;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
