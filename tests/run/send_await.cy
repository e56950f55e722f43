/* yield as an expression (send), await in every expression position,
 * short-circuit order and recursion */
#include <stdio.h>

/* the running average of what is sent in (PEP 342's averager) */
coroutine(double, double) void averager(void)
{
    double total = 0, average = 0;
    int count = 0;
    for (;;) {
        double term = yield average;
        total += term;
        count++;
        average = total / count;
    }
}

static int log_step(const char *what, int v)
{
    printf("  %s -> %d\n", what, v);
    return v;
}

coroutine int twice(int x)
{
    printf("  twice(%d)\n", x);
    yield;
    return 2 * x;
}

coroutine int fib(int n)
{
    if (n < 2)
        return n;
    return await fib(n - 1) + await fib(n - 2);
}

coroutine int add3(int a, int b, int c) { return a + b + c; }

coroutine int positions(void)
{
    int n = await twice(1);                          /* initialiser */
    n += await twice(2);                             /* assignment */
    int s = await add3(await twice(3), n, 1);        /* argument */
    if (await twice(0) || log_step("rhs of ||", 1))  /* condition, || */
        s += 100;
    if (log_step("lhs of &&", 0) && await twice(99)) /* && keeps its order */
        s += 1000;
    int w = 0;
    while ((w += await twice(1)) < 6)                /* loop condition */
        ;
    for (int i = 0; i < await twice(1); i++)         /* for condition */
        s += 10000;
    do
        s++;
    while (await twice(0));                          /* do condition */
    int c = s > 0 ? await twice(5) : await twice(7); /* ?: picks one */
    return s + w + c + await fib(10);
}

int main(void)
{
    cy_task *avg = averager();
    cy_task_step(avg);                  /* run to the first yield */
    double terms[] = {10, 30, 5};
    for (int i = 0; i < 3; i++) {
        CY_SEND(avg, double, terms[i]);
        printf("average %g\n", CY_YIELDED(avg, double));
    }
    cy_task_free(avg);                  /* never finishes: freed suspended */

    cy_task *t = positions();
    while (cy_task_step(t) > 0)
        ;
    printf("positions -> %d (%s)\n", CY_RESULT(t, int), cy_status_name(cy_task_status(t)));
    cy_task_free(t);

    cy_task *f = fib(15);
    int steps = 0;
    while (cy_task_step(f) > 0)
        steps++;
    printf("fib(15) = %d after %d steps\n", CY_RESULT(f, int), steps);
    cy_task_free(f);
    return 0;
}
