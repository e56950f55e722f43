#include <stdio.h>
#include "coroc.h"

/* A goto that stays inside its block runs no defer, so a declaration there
 * that hides a name an outer defer reads is fine (only the ways out of the
 * defer's block are checked, tests/err/defer_name_hidden). */
static coroutine int f(int a)
{
    int t = a;
    defer printf("outer defer t=%d\n", t);
    for (int i = 0; i < 2; i++) {
        int t = i * 10;
        int g = 0;
    again:
        g++;
        if (g < 2)
            goto again;
        printf("inner t=%d g=%d\n", t, g);
    }
    yield;
    return t;
}

int main(void)
{
    cy_task *t = f(5);
    if (!t)
        return 1;
    while (cy_task_step(t) > 0)
        printf("yielded\n");
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
