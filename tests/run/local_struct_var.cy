/* issue 9: a struct type declared with a frame local inside the coroutine (struct S { int x; } s;), used after a yield (the docs say it works) */
#include <stdio.h>

coroutine int f(void)
{
    struct S { int x; } s;
    s.x = 9;
    yield;
    struct S t = s;
    yield;
    return t.x + s.x;
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
