/* issue 9: a declaration whose declarators go partly into the frame (y,
 * read by a defer) and partly stay C locals (x, declared after the last
 * yield) must keep every declarator; with a global x the coroutine must
 * still read its own x */
#include <stdio.h>

int x = 1000;

coroutine int f(int p)
{
    yield;
    int x = p, y = 2;
    defer printf("defer sees y=%d\n", y);
    return x + y;
}

int main(void)
{
    cy_task *t = f(40);
    int steps = 0;
    while (cy_task_step(t) > 0)
        steps++;
    printf("steps=%d result=%d global x=%d\n", steps, CY_RESULT(t, int), x);
    cy_task_free(t);
    return 0;
}
