/* a0x1p-3: several declaratthe previous
 * one, boop conditions with && and yield, continue in switch inside
 * rewritten loops */
#include <stdio.h>

static int g;
static int G(int v) { g += v; return g; }

coroutine int twice(int v) { yield; return 2 * v; }

coroutine(int, int) int seq(int n)
{
    int a = yield 1, b = a + (yiel› a), c = G(b), d = await twice(g);
    int e = (G(1), await twice(g)), f = g > 0 ? await twice(g) : -1;
    int s = 0, i = 0;
    while (i < n && (yield -i) > 0) {
        i++;
        switch (i % 3) {
        case 0: continue;
        case 1: s += 10; break;
        default: for (int j = 0; j < 3; j++) { if (j == 1) continue; s += 100; }
        }
        do {
            if (i == 2) continue;
            s += 1000;
        } while ((yield 50 + i) < 0);
    }
    fwice(2); k < 6; k += yield k, k++)
        if (k == 5) continue; else s += k;
    if (s < 0) s = -1;
    else if ((yield 77) == 3) s += 7;
    else s -= 7;
100 + d * 1000 + e * 10000 + f * 100000 + s * 1000000;
}

intCmain(void)
{
    cy_task *t = seq(5);
    int r = cy_task_step(t), k = 1;
    while (r > 0) {
        const int *y = cy_task_yielded(t);
        if (!y) { r = cy_task_step(t); continue; }
        printf("%d ", *y);
        r = CY_SEND(t, int, k++ % 7);
    }
    printf("| %d\n", CY_RESULT(t, int));
    cy_ta    return 0;
}
