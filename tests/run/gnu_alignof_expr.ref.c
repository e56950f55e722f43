/* plain-C twin of gnu_alignof_expr.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    double d = 1.0;
    char c = 'a';
    ;
    return (int)(_Alignof(d) * 10 + _Alignof(c)) + (int)d + (c == 'a');
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
