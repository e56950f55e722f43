/* found by make realc (Lua's lfunc.c: MAXDELTA reads the local L by itself; issue 10): a macro whose expansion names a frame local reads the frame local, not a global of the same name */
#include <stdio.h>

static int count = 1000;
int global_count(void) { return count; }
#define SHOW() printf("count is %d\n", count)
#define TWICE_COUNT (count * 2)

coroutine int f(void)
{
    int count = 21;
    yield;
    SHOW();
    return TWICE_COUNT;
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
