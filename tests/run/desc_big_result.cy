/* issue 9: a 65 536-byte result must not be recorded as size 0 in cy_desc
 * (CY_RESULT then crashed) */
#include <stdio.h>
#include <string.h>

struct big { unsigned char b[65536]; };

coroutine struct big f(int seed)
{
    struct big r;
    for (size_t i = 0; i < sizeof r.b; i++)
        r.b[i] = (unsigned char)(i * 7 + seed);
    yield;
    return r;
}

int main(void)
{
    cy_task *t = f(3);
    int steps = 0;
    while (cy_task_step(t) > 0)
        steps++;
    const struct big *r = cy_task_result(t);
    if (!r) {
        printf("no result\n");
        cy_task_free(t);
        return 1;
    }
    unsigned sum = 0;
    for (size_t i = 0; i < sizeof r->b; i++)
        sum = sum * 31 + r->b[i];
    printf("steps=%d first=%u last=%u sum=%u\n", steps, r->b[0], r->b[65535], sum);
    cy_task_free(t);
    return 0;
}
