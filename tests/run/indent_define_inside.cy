/* issue 9: an indented #define/#undef inside a coroutine body */
#include <stdio.h>

coroutine int f(void)
{
    int s = 1;
  #define TWICE(v) ((v) * 2)
    yield;
    s = TWICE(s + 4);
  #undef TWICE
    return s;
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
