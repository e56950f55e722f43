/* adversarial: self-recursive await with try/catch at every level, rethrow
 * on odd depths, throw 0, defers counting live frames, cancel in the middle
 * of a deep recursion */
#include <stdio.h>

static int live;

coroutine(int) int depth(int n, int fail_at)
{
    int mine[4] = { n, n, n, n };
    live++;
    defer live--;
    if (n == fail_at)
        throw -n, "bottom";
    if (n == 0) {
        yield 0;
        return 1;
    }
    int sub = 0;
    try {
        sub = await depth(n - 1, fail_at);
    } catch (int e) {
        if (n % 2) throw e - 1;      /* rethrow, modified */
        sub = -e;
    }
    yield n;
    return sub + mine[3];
}

int main(void)
{
    int cases[][2] = { {5, -1}, {5, 0}, {6, 3}, {4, 4} };
    for (int c = 0; c < 4; c++) {
        cy_task *t = depth(cases[c][0], cases[c][1]);
        int steps = 0;
        while (cy_task_step(t) > 0) {
            const int *y = cy_task_yielded(t);
            printf("%d ", *y);
            steps++;
        }
        printf("| %s %d err=%d live=%d\n", cy_status_name(cy_task_status(t)),
               cy_task_status(t) == CY_FINISHED ? CY_RESULT(t, int) : 0, cy_task_error(t), live);
        cy_task_free(t);
    }
    /* cancel in the middle of a deep recursion */
    cy_task *t = depth(50, -1);
    cy_task_step(t);
    printf("live=%d ", live);
    cy_task_cancel(t);
    printf("after cancel live=%d %s\n", live, cy_status_name(cy_task_status(t)));
    cy_task_free(t);
    return 0;
}
