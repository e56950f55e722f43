#include <stdio.h>
typedef struct { int a, b; } pair_t;
typedef int count_t;

static int f(count_t k)
{
    pair_t p = {k, 2};
    count_t *q = &p.b;
    return p.a * *q;
}

int main(void)
{
    printf("%d\n", f(21));
    return 0;
}
