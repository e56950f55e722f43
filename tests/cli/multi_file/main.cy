/* Awaits the coroutines of add.cy with the result types net.h gives
 * them: no prototype in this file. */
#include <stdio.h>
#include "net.h"

static coroutine int sum3(void)
{
    int x = await add_slowly(1, 2);
    int y = await add_slowly(x, 10);
    const char *g = await greeting();
    printf("%s %d\n", g, y);
    return y;
}

int main(void)
{
    cy_task *t = sum3();
    while (cy_task_step(t) == 1)
        ;
    printf("%d %d\n", CY_RESULT(t, int), plain_total());
    cy_task_free(t);
    return 0;
}
