/* issue 9: char s[] = {"abc"} kept in the frame has 4 elements (the NUL
 * included), as C says, not one per brace element */
#include <stdio.h>

coroutine void f(void)
{
    char s[] = {"abc"};
    yield;
    printf("sizeof s=%zu s=%s\n", sizeof s, s);
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        ;
    cy_task_free(t);
    return 0;
}
