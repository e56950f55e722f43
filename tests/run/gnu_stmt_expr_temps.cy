/* issue 9: a statement expression that suspends, between two received
 * values of one expression: its locals and its value live in the frame
 * together with the expression's other temporaries, and statements, loops
 * and a struct value inside it keep their meaning */
#include <stdio.h>

struct pair { int a, b; };

coroutine(int, int) int f(int k)
{
    int r = (yield 1) * 1000 + ({ int z = k * 7; yield 2; z + 1; }) * 10 + (yield 3);
    struct pair p = ({ struct pair q = { k, 0 }; for (int i = 0; i < 3; i++) { q.b += yield 10 + i; } q; });
    ({ yield 20; r++; });
    return r + p.a * 100000 + p.b * 1000000;
}

int main(void)
{
    cy_task *t = f(4);
    int r = cy_task_step(t), n = 0;
    while (r > 0) {
        int y = CY_YIELDED(t, int);
        printf("yield %d\n", y);
        r = CY_SEND(t, int, y * 2 + n++);
    }
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
