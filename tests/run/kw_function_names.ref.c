/* plain-C twin of kw_function_names.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int yield(int v) { return v + 1; }
static int await(int v) { return v * 2; }

static int plain(void)
{
    int try = 3, defer = 4, catch = 5, throw = 6;
    return yield(try) + await(defer) + catch * throw;
}

static int f(void)
{
    int r = plain();
    ;
    return r;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
