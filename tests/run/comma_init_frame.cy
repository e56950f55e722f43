/* found by make realc (Lua's lstrlib.c: int nb = ((void)L, snprintf(...));): a frame local initialised with a parenthesised comma expression gets the value of its last operand */
#include <stdio.h>

static int side;
static int forty_two(void) { return 42; }

coroutine int f(void)
{
    int x = (side = 5, forty_two());
    int y = (side++, forty_two() - side);
    yield;
    return x * 100 + y;
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
