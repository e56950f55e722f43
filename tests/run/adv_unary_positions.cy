/* adversarial: yield under unary operators and casts, yield inside yield,
 * await inside await, yield in for-init, empty loop bodies, goto into a loop
 * body, a label before x += yield */
#include <stdio.h>

coroutine int v(int x) { yield; return x; }

coroutine(int, int) int un(void)
{
    int x = 0, i;
    x += -(yield 1);
    x += !(yield 2);
    x += (int)(unsigned char)(yield 3);
    x += yield (yield 4) + 1;
    x += await v(await v(5) * 2);
    (void)(yield 6);
    for (i = yield 7; i < 3; i++)
        if (i == 1) yield 8; else if (i == 2) yield 9; else yield 10;
    while ((yield 11) != 3);
    int n = 0;
    goto into;
    while (n < 2) {
        yield 12;
into:   n++;
        L: x += yield 13;
        if (x > 10000) goto L;
    }
    return x;
}

int main(void)
{
    cy_task *t = un();
    int r = cy_task_step(t), k = 0;
    while (r > 0) {
        const int *y = cy_task_yielded(t);
        if (!y) { r = cy_task_step(t); continue; }
        printf("%d ", *y);
        k++;
        r = CY_SEND(t, int, *y == 3 ? 300 : *y == 11 ? k % 4 : *y == 7 ? 1 : k);
    }
    printf("| %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
