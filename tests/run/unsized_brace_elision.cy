/* issue 9: struct P ps[] = {1, 2, 3, 4} has 2 elements (brace elision),
 * not 4, when it is kept in the frame */
#include <stdio.h>
/* brace elision is the point of the test */
#pragma GCC diagnostic ignored "-Wmissing-braces"

struct P { int a, b; };

coroutine void f(void)
{
    struct P ps[] = {1, 2, 3, 4};
    yield;
    printf("n=%zu", sizeof ps / sizeof ps[0]);
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        printf(" {%d,%d}", ps[i].a, ps[i].b);
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
