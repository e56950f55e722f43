/* issue 9: statement expressions that suspend in a loop's condition and in an initialiser, with continue inside one; their values compared with < (the frame temporary's __typeof__ must not read as a self-comparison) */
#include <stdio.h>
coroutine(int) int g(int n)
{
    int i = 0, acc = 0;
    while (({ yield i; i < n; })) {
        int v = ({ int w = i * 3; if (w % 2) { i++; continue; } yield w; w; });
        acc += v;
        i++;
    }
    return acc;
}
int main(void)
{
    cy_task *t = g(5);
    while (cy_task_step(t) > 0) printf("%d ", CY_YIELDED(t, int));
    printf("| %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
