/* plain-C twin of local_const_struct.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    const struct pt { int x, y; } origin = {0, -1};
    ;
    struct pt q = { origin.x + 4, origin.y * 5 };
    ;
    return q.x * 10 + q.y + origin.y;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
