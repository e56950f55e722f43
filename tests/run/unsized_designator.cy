/* issue 9: int d[] = {[5] = 1} (6 elements) kept in the frame is accepted */
#include <stdio.h>

coroutine void f(void)
{
    int d[] = {[5] = 1, [2] = 7};
    yield;
    printf("n=%zu", sizeof d / sizeof d[0]);
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        printf(" %d", d[i]);
    printf("\n");
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        ;
    cy_task_free(t);
    return 0;
}
