/* An array literal used only inside one expression, subscripted, is no
 * pointer that outlives a suspension: it is accepted. */
#include <stdio.h>

coroutine(int) void digits(int n)
{
    for (int i = 0; i < n; i++) {
        yield ((int[]){ 3, 1, 4, 1, 5 })[i % 5];
        int sq = (int[]){ 0, 1, 4, 9, 16 }[i % 5];
        yield sq;
    }
}

int main(void)
{
    cy_task *t = digits(3);
    while (cy_task_step(t) > 0)
        printf("%d ", CY_YIELDED(t, int));
    printf("\n");
    cy_task_free(t);
    return 0;
}
