/* plain-C twin of gnu_stmt_expr_loop.cy: the coroutine is a function, each
 * yield v prints v as main's driver loop does */
#include <stdio.h>
static int g(int n)
{
    int i = 0, acc = 0;
    while (({ printf("%d ", i); i < n; })) {
        int v = ({ int w = i * 3; if (w % 2) { i++; continue; } printf("%d ", w); w; });
        acc += v;
        i++;
    }
    return acc;
}
int main(void)
{
    int r = g(5);
    printf("| %d\n", r);
    return 0;
}
