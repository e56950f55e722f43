/* A parenthesised comma expression keeps its parentheses wherever coroc
 * moves its text: an await's argument, an await's operand, a C local
 * declared next to frame locals. */
#include <stdio.h>

static int side;

coroutine int twice(int v)
{
    return 2 * v;
}

coroutine int f(int p)
{
    int a = await twice((side = 3, p + side));
    int b = (side++, 7), c = b + 1;   /* c lives across the yield, b does not */
    yield;
    return a * 100 + c + side;
}

int main(void)
{
    cy_task *t = f(4);
    while (cy_task_step(t) > 0)
        ;
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
