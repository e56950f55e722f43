/* Children whose frames the parent knows run inline (a direct call); when
 * such a child suspends, or awaits a frame of its own, the driver is told
 * where the task's innermost frame is.  Every case, with the order of
 * events printed. */
#include <stdio.h>

coroutine int leaf(int x);                 /* defined later: allocated */

coroutine int quick(int x)                 /* finishes at once */
{
    return x + 1;
}

coroutine int mid(int x)                   /* embedded in top, run inline */
{
    printf("  mid(%d) starts\n", x);
    int q = await quick(x);                /* inline, never suspends */
    yield;                                 /* an inline child suspends */
    printf("  mid(%d) resumed\n", x);
    int v = await leaf(q);                 /* an inline child awaits a frame */
    return v + 1;
}

coroutine int top(void)
{
    int a = await mid(1);
    int b = await mid(2);
    return a + b;
}

coroutine int leaf(int x)
{
    printf("  leaf(%d)\n", x);
    yield;
    return x * 10;
}

coroutine(int) void countdown(int n)       /* recursion past the inline depth */
{
    if (n == 0)
        return;
    if (n % 25 == 0)
        yield n;
    await countdown(n - 1);
}

int main(void)
{
    cy_task *t = top();
    int steps = 0;
    while (cy_task_step(t) > 0)
        printf("step %d\n", ++steps);
    printf("top = %d\n", CY_RESULT(t, int));
    cy_task_free(t);

    cy_task *c = countdown(200);
    while (cy_task_step(c) > 0)
        printf("%d ", CY_YIELDED(c, int));
    printf("\n");
    cy_task_free(c);

    /* freed while suspended deep in inline children */
    cy_task *d = countdown(120);
    cy_task_step(d);
    cy_task_step(d);
    cy_task_free(d);
    printf("done\n");
    return 0;
}
