/* plain-C twin of clit_address_kept.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

struct q { int a, b; };

static int f(void)
{
    int *p = (int[]){1, 2, 3};
    struct q *s = &(struct q){7, 8};
    ;
    p[1] += 40;
    ;
    return p[0] + p[1] + p[2] + s->a * s->b;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
