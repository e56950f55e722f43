/* issue 9: __alignof__(expr) (GNU) on frame locals, not refused when it holds no suspension */
#include <stdio.h>

coroutine int f(void)
{
    double d = 1.0;
    char c = 'a';
    yield;
    return (int)(__alignof__(d) * 10 + __alignof__(c)) + (int)d + (c == 'a');
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
