/* adversarial: try inside a loop, throw inside catch inside try, rethrow
 * from catch through await, continue and break out of catch, defer reading a
 * local */
#include <stdio.h>

static int log_n;
static void L(const char *s, int v) { printf("%s%d ", s, v); log_n++; }

coroutine int maybe(int v)
{
    yield;
    if (v % 3 == 0)
        throw -v - 100, "div3";
    return v;
}

coroutine int rethrow(int v)
{
    try {
        return await maybe(v);
    } catch (int e) {
        L("re", e);
        throw e - 1000;               /* goes out: no enclosing try */
    }
}

coroutine int loop_try(int n)
{
    int sum = 0;
    defer L("defer-sum=", sum);
    for (int i = 1; i <= n; i++) {
        try {
            if (i == 5)
                throw -55;
            sum += await maybe(i);
            try {
                sum += await rethrow(i + 1);
            } catch (int e2) {
                L("inner", e2);
                if (i == 2)
                    continue;
                try {
                    throw e2 + 1;          /* throw inside catch inside try */
                } catch (int e3) {
                    L("e3=", e3);
                    if (i == 8) throw -88;  /* to outer catch */
                }
                if (i > 6) break;
            }
            sum += 1000;
        } catch (int e) {
            L("outer", e);
            sum += 1;
        }
        yield;
    }
    return sum;
}

int main(void)
{
    for (int n = 4; n <= 10; n += 6) {
        cy_task *t = loop_try(n);
        while (cy_task_step(t) > 0)
            ;
        printf("\nn=%d status=%s result=%d err=%d\n", n, cy_status_name(cy_task_status(t)),
               cy_task_status(t) == CY_FINISHED ? CY_RESULT(t, int) : 0, cy_task_error(t));
        cy_task_free(t);
    }
    return 0;
}
