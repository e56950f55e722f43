/* issue 9: hoisted local types keep their scope: the same tag declared in two blocks of one coroutine, and one shadowing a file-scope tag */
#include <stdio.h>

struct S { char c[3]; };

coroutine int f(void)
{
    int r = 0;
    {
        struct S { int a, b; } s = {1, 2};
        yield;
        r += s.a + s.b;
    }
    {
        struct S { double d; } s = {2.5};
        yield;
        r += (int)(s.d * 2);
    }
    struct S outer = {{'a', 'b', 0}};
    yield;
    return r * 1000 + outer.c[1] + (int)sizeof outer;
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        ;
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
