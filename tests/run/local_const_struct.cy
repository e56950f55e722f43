/* issue 9: const struct pt { int x, y; } origin = {0, -1}; declared in a coroutine, kept across a yield */
#include <stdio.h>

coroutine int f(void)
{
    const struct pt { int x, y; } origin = {0, -1};
    yield;
    struct pt q = { origin.x + 4, origin.y * 5 };
    yield;
    return q.x * 10 + q.y + origin.y;
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
