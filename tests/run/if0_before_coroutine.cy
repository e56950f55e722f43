/* issue 9: text in an inactive #if 0 branch right before a coroutine is not parsed */
#include <stdio.h>

#if 0
this is not C at all { ( yield coroutine
#endif
coroutine int f(void)
{
    int k = 5;
    yield;
    return k * 3;
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
