/* found by make realc (jansson's load.c, through a container_of macro): offsetof's member designator is a member name, not an expression, even when a frame local has the same name */
#include <stdio.h>
#include <stddef.h>

struct rec { int pad; int stream; int count; };

coroutine int f(void)
{
    int stream = 7, count = 3;
    yield;
    int a = (int)offsetof(struct rec, stream);
    int b = (int)__builtin_offsetof(struct rec, count);
    return stream * 1000 + count * 100 + a * 10 + b;
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
