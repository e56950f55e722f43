/* issue 9: await inside a GNU statement expression ({ ... }) */
#include <stdio.h>

coroutine int g(int v)
{
    yield;
    return v * 3;
}

coroutine int f(void)
{
    int a = 4;
    int b = ({ int t = await g(a); t + 1; });
    return ({ int u = b; yield; u; }) + await g(1);
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
