/* plain-C twin of comma_init_frame.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int side;
static int forty_two(void) { return 42; }

static int f(void)
{
    int x = (side = 5, forty_two());
    int y = (side++, forty_two() - side);
    ;
    return x * 100 + y;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
