/* plain-C twin of gnu_stmt_expr_await.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int g(int v)
{
    ;
    return v * 3;
}

static int f(void)
{
    int a = 4;
    int b = ({ int t = g(a); t + 1; });
    return ({ int u = b; ; u; }) + g(1);
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
