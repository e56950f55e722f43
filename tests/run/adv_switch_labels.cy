/* adversarial: yields between case labels, fall through, a case label inside
 * a block that holds a frame local, continue out of a switch */
#include <stdio.h>

coroutine(int) void sw(int n)
{
    for (int i = 0; i < n; i++) {
        switch (i % 5) {
        case 0:
            yield 100 + i;
        case 1: yield 200 + i;
            /* fallthrough */
        case 2:
            if (i == 2) { yield 250; break; }
            yield 300 + i;
            continue;
        default: {
            int k = i * 10;
            yield k;
          case 4:
            yield 400 + i;
        }
        }
        yield 999;
    }
}

int main(void)
{
    cy_task *t = sw(6);
    while (cy_task_step(t) > 0)
        printf("%d ", CY_YIELDED(t, int));
    printf("\n");
    cy_task_free(t);
    return 0;
}
