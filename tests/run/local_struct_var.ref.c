/* plain-C twin of local_struct_var.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    struct S { int x; } s;
    s.x = 9;
    ;
    struct S t = s;
    ;
    return t.x + s.x;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
