/* plain-C twin of macro_spelling.cy: Y(prints */
#include <stdio.h>

#define x(y) ((y) * 10)
#define NAME(v) #v
#define SHOW(v) printf("%s = %d\n", #v, v)
#define CAT(a, b) a##b
#define GET(n) v##n
#define STR(s) #s
#define XSTR(s) STR(s)
#define LIMIT 3

static void Y(int v) { printf("y %d\n", v); }

static int f(int v1)
{
    int x = 4, v2 = 7;
    Y(x);
    printf("%d %d\n", x, x(x));
    SHOW(x);
    SHOW(v2 + x);
    printf("%s %s\n", NAME(v1), XSTR(x + LIMIT));
    Y(CAT(v, 2));
    GET(1) += GET(2);
    Y(GET(1));
    return x(GET(2)) + x;
}

int main(void)
{
    printf("result %d\n", f(5));
    return 0;
}
