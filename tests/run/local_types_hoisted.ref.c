/* plain-C twin of local_types_hoisted.cy: the coroutine is a function, yield is gone */
/* issue 9: types declared inside a coroutine and needed by its frame are
 * hoisted to file scope under names of their own; C's scope rules and the
 * enumerators' values are kept, and nothing the file declares is hit */
#include <stdio.h>

typedef long count_t;            /* shadowed inside, seen again after */
int LOW = 50;                    /* a global the local enumerator hides */
int g__LOW = 7;                  /* the name coroc would pick first */
struct point { char tag; };      /* hidden in the inner block only */

static int g(int k)
{
    int r = 0;
    {
        enum { LOW, HIGH } level = HIGH;
        struct point { int x; } p = { 5 };
        struct { int a; } fine = { 1 };
        struct point q = p;          /* a C local of the same type */
        ;
        r += level + p.x + fine.a + q.x + LOW;
    }
    {
        typedef int count_t;
        struct pair { int a, b; };
        count_t n = 1;
        struct pair pr = { 1, 2 };
        struct pair *pp = &pr;
        ;
        r += n + pp->a + pr.b + (int)sizeof(count_t) * 10 + (int)sizeof n;
    }
    enum { WIDTH = 3 };
    struct outer { struct inner { int v; } in; unsigned bits : WIDTH; } o = { { 4 }, 5 };
    __typeof__(k) k2 = k * 2;
    count_t big = 1;
    ;
    struct inner copy = o.in;
    struct point pt = { 'z' };
    ;
    return r * 1000 + copy.v * 100 + (int)o.bits * 10 + k2 + LOW + g__LOW
           + (int)sizeof big + pt.tag;
}

int main(void)
{
    printf("result %d\n", g(3));
    return 0;
}
