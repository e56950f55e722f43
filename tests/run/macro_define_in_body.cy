/* issue 10: #define and #undef inside a coroutine body take effect from
 * their line on, for coroc (which expands the uses that name a frame
 * local) as for the C compiler (which expands the others) */
#include <stdio.h>

static int n = 100;
#define SHOW() printf("show %d\n", n)

coroutine(int) int f(void)
{
    SHOW();
    int n = 1;
    yield n;
    SHOW();
#undef SHOW
#define SHOW() printf("other %d\n", n * 2)
    SHOW();
    n++;
    yield n;
#undef SHOW
#define SHOW() puts("plain")
    SHOW();
#define BUMP(v) ((v) += 10)
    BUMP(n);
    yield n;
#undef BUMP
#define BUMP (n += 100)
    BUMP;
    return n;
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        printf("y %d\n", CY_YIELDED(t, int));
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
