/* issue 9: a short macro defined before the first coroutine (n, buf, len)
 * must not reach inside the runtime header coroc inserts */
#define n 14
#define len 3
#define c 'x'
#include <stdio.h>

coroutine int f(void)
{
    yield;
    return n + len;
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        ;
    printf("%d %c\n", CY_RESULT(t, int), c);
    cy_task_free(t);
    return 0;
}
