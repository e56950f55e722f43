/* adversarial: Duff's device with yields, a do-while whose condition yields,
 * a case label inside a for loop, switch on a yield */
#include <stdio.h>

coroutine(int, int) int duff(int count)
{
    int n = (count + 3) / 4, out = 0;
    switch (count % 4) {
    case 0: do { out += yield 0;
            /* fall through */
    case 3:      out += yield 3;
            /* fall through */
    case 2:      out += yield 2;
            /* fall through */
    case 1:      out += yield 1;
            } while (--n > 0 && (yield -n) != 99);
    }
    switch (yield 100) {
    case 5: out += 5000;
        /* fall through */
    case 6: for (int i = 0; i < 2; i++) {
                out += yield 6;
            /* fall through */
            case 7: out += 70000; continue;
            }
    }
    return out;
}

int main(void)
{
    for (int c = 5; c <= 7; c++) {
        cy_task *t = duff(c);
        int r = cy_task_step(t), k = 1;
        while (r > 0) {
            int y = CY_YIELDED(t, int);
            printf("%d ", y);
            r = CY_SEND(t, int, y == 100 ? c : k++);
        }
        printf("| %d\n", CY_RESULT(t, int));
        cy_task_free(t);
    }
    return 0;
}
