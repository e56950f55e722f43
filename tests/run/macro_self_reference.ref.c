/* plain-C twin of macro_self_reference.cy: yield prints */
#include <stdio.h>

static int twice(int v) { return 2 * v; }
#define twice(v) twice((v) + count)

static void Y(int v) { printf("y %d\n", v); }

static int f(void)
{
    int count = 1;
    Y(twice(3));
    count = 10;
    return twice(count);
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
