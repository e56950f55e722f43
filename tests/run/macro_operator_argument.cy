/* found by make realc (Lua's luaL_intop(+, i, 1) in lbaselib.c, lobject.c, ltablib.c): a macro call whose argument is an operator, in a coroutine body */
#include <stdio.h>

#define intop(op, a, b) ((int)((unsigned)(a) op (unsigned)(b)))

coroutine int f(void)
{
    int i = 40;
    yield;
    i = intop(+, i, 2);
    yield;
    return intop(^, i, 0);
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
