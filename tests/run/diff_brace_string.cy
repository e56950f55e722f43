/* found by tests/difftest (seeds 25, 38, 94, 332, 335 of the unsized_tricky
 * family), minimised by hand: a brace-enclosed string initialiser of an
 * unsized char array kept in the frame; reading its NUL and its size gives
 * other values than C's (see unsized_brace_string) */
#include <stdio.h>

coroutine(int) int c0(int a)
{
    char s2[] = {"hello"};
    yield s2[4];
    yield s2[5];
    return (a ^ (int)sizeof s2) % 3;
}

int main(void)
{
    cy_task *t = c0(1);
    while (cy_task_step(t) > 0)
        printf("y %d\n", CY_YIELDED(t, int));
    printf("FINISHED %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
