/* plain-C twin of diff_cond_branches.cy */
#include <stdio.h>

#ifndef CFG
#define CFG 0
#endif

static void Y(int v) { printf("y %d\n", v); }

static int c0(int a)
{
    int s = a;
#if CFG
    Y(s * 2);
    s += 100;
#else
    Y(s * 3);
    s += 200;
#endif
    Y(s);
    return s;
}

int main(void)
{
    printf("FINISHED %d\n", c0(5));
    return 0;
}
