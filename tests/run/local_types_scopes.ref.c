/* plain-C twin of local_types_scopes.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

struct S { char c[3]; };

static int f(void)
{
    int r = 0;
    {
        struct S { int a, b; } s = {1, 2};
        ;
        r += s.a + s.b;
    }
    {
        struct S { double d; } s = {2.5};
        ;
        r += (int)(s.d * 2);
    }
    struct S outer = {{'a', 'b', 0}};
    ;
    return r * 1000 + outer.c[1] + (int)sizeof outer;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
