/* plain-C twin of macro_names_frame_local.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int count = 1000;
int global_count(void) { return count; }
#define SHOW() printf("count is %d\n", count)
#define TWICE_COUNT (count * 2)

static int f(void)
{
    int count = 21;
    ;
    SHOW();
    return TWICE_COUNT;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
