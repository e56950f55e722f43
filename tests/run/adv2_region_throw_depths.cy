/* throws from inline children at depths around CY_INLINE_DEPTH, caught
 * by try at other depths (rethrown from catch), with defers logging order */
#include <stdio.h>

static int live, order[256], no;

coroutine(int) int boom(int n, int when)
{
    defer order[no++] = -1000 - n;
    if (when == 1)
        throw -n, "early";
    yield n;
    if (when == 2)
        throw -n - 1, "late";
    return n;
}

coroutine(int) int dive(int n, int fail_at, int catch_mod)
{
    live++;
    defer { live--; order[no++] = n; }
    if (n == fail_at) {
        int b = await boom(n, n % 3);   /* embedded; may throw */
        return b;
    }
    if (n == 0)
        return 0;
    int sub;
    try {
        sub = await dive(n - 1, fail_at, catch_mod);
    } catch (int e) {
        if (n % catch_mod)
            throw e - 1000, "rethrown";
        yield e;
        sub = 7;
    }
    return sub + 1;
}

static void go(int n, int fail_at, int catch_mod)
{
    no = 0;
    cy_task *t = dive(n, fail_at, catch_mod);
    printf("dive(%d,%d,%d): yields", n, fail_at, catch_mod);
    while (cy_task_step(t) > 0)
        printf(" %d", CY_YIELDED(t, int));
    printf(" -> %s", cy_status_name(cy_task_status(t)));
    if (cy_task_status(t) == CY_FINISHED)
        printf(" %d", CY_RESULT(t, int));
    else
        printf(" err=%d msg=%s", cy_task_error(t), cy_task_message(t));
    printf(" live=%d defers:", live);
    for (int i = 0; i < no; i++)
        if (i < 3 || i >= no - 3)
            printf(" %d", order[i]);
        else if (i == 3)
            printf(" ..(%d)..", no - 6);
    printf("\n");
    cy_task_free(t);
}

int main(void)
{
    go(100, 99, 1000);   /* nobody catches (mod never 0 except 0) */
    go(100, 51, 50);     /* caught at 50 */
    go(100, 49, 49);     /* caught at 98 and 49? */
    go(60, 48, 12);
    go(60, 47, 47);
    go(60, 3, 1);        /* caught at every level: n % 1 == 0 */
    go(100, 100, 2);
    go(1, 0, 2);
    return 0;
}
