/* plain-C twin of offsetof_member_named_like_local.cy: the coroutine is a function, yield is gone */
#include <stdio.h>
#include <stddef.h>

struct rec { int pad; int stream; int count; };

static int f(void)
{
    int stream = 7, count = 3;
    ;
    int a = (int)offsetof(struct rec, stream);
    int b = (int)__builtin_offsetof(struct rec, count);
    return stream * 1000 + count * 100 + a * 10 + b;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
