/* plain-C twin of multidecl_split.cy: yield counted, defer run at return */
#include <stdio.h>

int x = 1000;
static int steps;

static int f(int p)
{
    int x = p, y = 2, twice(int);
    steps += 2;
    int r = twice(x) + y;
    printf("defer sees y=%d\n", y);
    return r;
}

int twice(int v) { return 2 * v; }

int main(void)
{
    int r = f(40);
    printf("steps=%d result=%d global x=%d\n", steps, r, x);
    return 0;
}
