/* adversarial: yields in for-step / while / do-while conditions with send,
 * continue/break at every depth, goto out of nested loops, forwards and
 * backwards across yields */
#include <stdio.h>

coroutine(int, int) int loops(int n)
{
    int acc = 0;
    for (int i = 0; i < n; i += yield i) {
        if (i == 1) continue;
        int j = 0;
        while (j < (yield 100 + j)) {
            j++;
            if (j == 2) continue;
            do {
                if (j == 3) break;
                acc += yield 1000 + j;
                if (acc > 50) goto out;
            } while ((yield -j) > 0);
        }
    }
out:
    yield acc;
    goto fwd;
back:
    yield 7;
    return acc;
fwd: yield 8;
    goto back;
}

static int policy(int y)
{
    static int k;
    k++;
    if (y >= 1000) return y - 990 + k % 3;
    if (y >= 100) return 4;
    if (y < 0) return k % 4 != 0;
    return 1;
}

int main(void)
{
    cy_task *t = loops(4);
    int r = cy_task_step(t);
    while (r > 0) {
        int y = CY_YIELDED(t, int);
        printf("%d ", y);
        r = CY_SEND(t, int, policy(y));
    }
    printf("| %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
