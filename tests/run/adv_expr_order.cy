/* adversarial: awaits in arguments, compound literals, subscripts, casts,
 * comma, nested ?:, && || with side effects, a[i++] += await f(), x = yield
 * x */
#include <stdio.h>

struct pt { int x, y; };
static int trace[64], nt;
static int T(int v) { trace[nt++] = v; return v; }
static int add(int a, int b) { return a + b; }

coroutine int id(int v) { yield; T(v); return v; }

coroutine(int, int) int exprs(void)
{
    int a[5] = {0}, i = 0, r = 0, x = 3;
    a[i++] += await id(5);                       /* i++ once */
    a[i++] += await id(6) + a[0];
    r += add(await id(1), add(await id(2), await id(3)));
    r += ((struct pt){ await id(10), T(20) }).y;
    r += a[await id(1)];                         /* subscript */
    r += (int)(double)(await id(7)) / 2;         /* casts */
    r += (T(100), await id(4));                  /* comma: T(100) first */
    r += add((T(101), await id(4)), 0);          /* comma nested in a call */
    r += x > 2 ? x > 5 ? await id(50) : await id(40) : await id(30);
    r += (T(102) && await id(0)) || (T(103) && await id(9));
    r += (0 && await id(77)) + (1 || await id(78));
    int k = 0;
    r += (k++ == 0 && await id(k));               /* k++ before await */
    x = yield x;
    x = (yield x + 1) + (yield x + 2);
    x += (yield -1, yield -2);
    return r * 1000 + x;
}

int main(void)
{
    cy_task *t = exprs();
    int r = cy_task_step(t), n = 10;
    while (r > 0) {
        const int *p = cy_task_yielded(t);
        if (!p) { r = cy_task_step(t); continue; }
        printf("y%d ", *p);
        r = CY_SEND(t, int, n++);
    }
    printf("\nresult %d trace", CY_RESULT(t, int));
    for (int j = 0; j < nt; j++) printf(" %d", trace[j]);
    printf("\n");
    cy_task_free(t);
    return 0;
}
