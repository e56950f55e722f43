/* issue 9: yield inside a GNU statement expression ({ ... }) */
#include <stdio.h>

coroutine int f(void)
{
    int a = 2;
    int b = ({ int t = a * 5; yield; t + 1; });
    int c = ({ yield; a + b; }) * 2;
    return a * 100 + b * 10 + c;
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
