/* issue 9: int m[][2] = {1,2,3,4,5} has 3 rows, not 5, in the frame */
#include <stdio.h>
/* brace elision is the point of the test */
#pragma GCC diagnostic ignored "-Wmissing-braces"

coroutine void f(void)
{
    int m[][2] = {1, 2, 3, 4, 5};
    yield;
    printf("rows=%zu", sizeof m / sizeof m[0]);
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        printf(" [%d %d]", m[i][0], m[i][1]);
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
