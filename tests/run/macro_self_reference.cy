/* issue 10: a function-like macro that names a frame local and calls the
 * function of its own name: coroc expands it, and writes the name it must
 * leave, (twice)(...), so that no preprocessor expands it again */
#include <stdio.h>

static int twice(int v) { return 2 * v; }
#define twice(v) twice((v) + count)

coroutine(int) int f(void)
{
    int count = 1;
    yield twice(3);
    count = 10;
    return twice(count);
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        printf("y %d\n", CY_YIELDED(t, int));
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
