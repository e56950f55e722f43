/* plain-C twin of local_types_enum_switch.cy: coroutines are functions, yield is gone */
#include <stdio.h>
enum { RED = 10 };
static int g(int k)
{
    enum color { RED, GREEN, BLUE } c = k;
    typedef struct { enum color col; int w; } item;
    item it = { GREEN, 3 };
    int r = 0;
    ;
    switch (c) { case RED: r = 1; break; case GREEN: r = 2; break; default: r = 3; }
    enum color *pc = &it.col;
    ;
    __auto_type q = it;
    ;
    return r * 100 + (int)*pc * 10 + q.w + (int)sizeof(enum color);
}
static int h(void)
{
    int r = RED;
    ;
    return r;
}
int main(void)
{
    int t = g(1);
    int u = h();
    printf("%d %d\n", t, u);
    return 0;
}
