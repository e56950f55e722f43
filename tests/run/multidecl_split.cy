/* issue 9: a declaration whose declarators go partly into the frame (x
 * and y, alive across the last yield) and partly stay as written (twice, a
 * prototype) must keep every declarator; with a global x the coroutine
 * must still read its own x.  (Before issue 10 a defer's reads put y in
 * the frame; defers now run in place.) */
#include <stdio.h>

int x = 1000;

coroutine int f(int p)
{
    yield;
    int x = p, y = 2, twice(int);
    defer printf("defer sees y=%d\n", y);
    yield;
    return twice(x) + y;
}

int twice(int v) { return 2 * v; }

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
