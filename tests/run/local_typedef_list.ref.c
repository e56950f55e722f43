/* plain-C twin of local_typedef_list.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    typedef struct node { int v; struct node *next; } node_t;
    node_t c = {3, NULL}, b = {2, &c}, a = {1, &b};
    int sum = 0;
    for (node_t *p = &a; p; p = p->next) {
        ;
        sum = sum * 10 + p->v;
    }
    return sum;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
