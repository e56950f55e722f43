/* plain-C twin of diff_macro_loop.cy */
#include <stdio.h>

#define REPEAT(i, n) for (int i = 0; i < (n); i++)

static void Y(int v) { printf("y %d\n", v); }

static int c0(int a)
{
    int s = a;
    REPEAT(m, 3) {
        s += m;
        Y(s);
    }
    return s;
}

int main(void)
{
    printf("FINISHED %d\n", c0(4));
    return 0;
}
