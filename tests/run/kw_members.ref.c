/* plain-C twin of kw_members.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

struct st { int try, defer, yield, await, throw, catch; };

static int plain(struct st *l)
{
    return l->try + l->defer * 2 + l->yield * 3 + l->await * 4;
}

static int f(void)
{
    struct st s = {1, 2, 3, 4, 5, 6};
    struct st *l = &s;
    ;
    l->try += s.defer;
    ;
    return plain(l) * 10 + s.throw + l->catch;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
