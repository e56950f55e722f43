/* plain-C twin of gnu_stmt_expr_temps.cy: each yield v is a call that
 * prints v and returns what main sends (v * 2 + n, n counting sends);
 * operands run left to right, as coroc runs the suspending ones */
#include <stdio.h>

struct pair { int a, b; };
static int n;

static int yield(int v)
{
    printf("yield %d\n", v);
    return v * 2 + n++;
}

static int f(int k)
{
    int y1 = yield(1);
    int s = ({ int z = k * 7; yield(2); z + 1; });
    int y3 = yield(3);
    int r = y1 * 1000 + s * 10 + y3;
    struct pair p = ({ struct pair q = { k, 0 }; for (int i = 0; i < 3; i++) { q.b += yield(10 + i); } q; });
    ({ yield(20); r++; });
    return r + p.a * 100000 + p.b * 1000000;
}

int main(void)
{
    printf("result %d\n", f(4));
    return 0;
}
