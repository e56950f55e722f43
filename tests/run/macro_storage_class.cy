/* found by make realc (zlib's examples: #define local static): a macro that stands for a storage class (or a qualifier) in a coroutine's declaration */
#include <stdio.h>

#define local static
#define CONST const

local coroutine int g(CONST int *p)
{
    yield;
    return *p * 2;
}

coroutine local int f(void)
{
    int v = 21;
    yield;
    return await g(&v);
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
