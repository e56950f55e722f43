/* plain-C twin of macro_define_in_body.cy: yield prints */
#include <stdio.h>

static int n = 100;
static void Y(int v) { printf("y %d\n", v); }
#define SHOW() printf("show %d\n", n)

static int f(void)
{
    SHOW();
    int n = 1;
    Y(n);
    SHOW();
#undef SHOW
#define SHOW() printf("other %d\n", n * 2)
    SHOW();
    n++;
    Y(n);
#undef SHOW
#define SHOW() puts("plain")
    SHOW();
#define BUMP(v) ((v) += 10)
    BUMP(n);
    Y(n);
#undef BUMP
#define BUMP (n += 100)
    BUMP;
    return n;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
