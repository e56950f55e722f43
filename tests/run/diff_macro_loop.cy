/* found by tests/difftest (family macros, issue 10), minimised: a loop
 * macro whose body holds a yield; today "expected ';' or ',' before '{'" */
#include <stdio.h>

#define REPEAT(i, n) for (int i = 0; i < (n); i++)

coroutine(int) int c0(int a)
{
    int s = a;
    REPEAT(m, 3) {
        s += m;
        yield s;
    }
    return s;
}

int main(void)
{
    cy_task *t = c0(4);
    while (cy_task_step(t) > 0)
        printf("y %d\n", CY_YIELDED(t, int));
    printf("FINISHED %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
