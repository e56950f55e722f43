/* plain-C twin of macro_operator_argument.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

#define intop(op, a, b) ((int)((unsigned)(a) op (unsigned)(b)))

static int f(void)
{
    int i = 40;
    ;
    i = intop(+, i, 2);
    ;
    return intop(^, i, 0);
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
