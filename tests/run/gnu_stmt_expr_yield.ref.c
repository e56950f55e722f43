/* plain-C twin of gnu_stmt_expr_yield.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    int a = 2;
    int b = ({ int t = a * 5; ; t + 1; });
    int c = ({ ; a + b; }) * 2;
    return a * 100 + b * 10 + c;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
