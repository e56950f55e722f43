/*
 * bare_yield_none.cy - a bare `yield;` in a coroutine that declares a
 * yield type yields "no value" (Python's None): cy_task_yielded returns
 * NULL for it, and a valued yield after it is seen again.  Also through an
 * await (the innermost frame's yields reach the driver), an inline child,
 * a child that receives, and a coroutine whose only yields are valued
 * (no flag in its frame: unchanged).
 *
 *   def gen():                      def outer():
 *       yield 1                         yield 10
 *       yield                           x = yield from gen()
 *       yield 2                         yield
 *       yield                           return x
 *       return 3
 */
#include <stdio.h>

coroutine(int) int gen(void)
{
    yield 1;
    yield;
    yield 2;
    for (int i = 0; i < 2; i++)
        yield;
    return 3;
}

coroutine(int) int outer(void)
{
    yield 10;
    int x = await gen();
    yield;
    return x;
}

/* receives too: the reply to a bare yield is read as usual */
coroutine(const char *, int) int ask(void)
{
    int a = yield "question";
    int b = yield;
    return a + b;
}

coroutine(int) void valued_only(void)
{
    yield 7;
    yield 8;
}

/* print what each step yielded: the value, or None */
static void drive(const char *name, cy_task *t)
{
    printf("%s:", name);
    while (cy_task_step(t) == 1) {
        const int *v = cy_task_yielded(t);
        if (v)
            printf(" %d", *v);
        else
            printf(" None");
    }
    printf(" -> %s\n", cy_status_name(cy_task_status(t)));
}

int main(void)
{
    cy_task *g = gen(), *o = outer(), *a = ask(), *v = valued_only();
    if (!g || !o || !a || !v)
        return 1;
    drive("gen", g);
    printf("gen returned %d\n", CY_RESULT(g, int));
    drive("outer", o);
    printf("outer returned %d\n", CY_RESULT(o, int));

    cy_task_step(a);
    printf("ask: %s\n", cy_task_yielded(a) ? CY_YIELDED(a, const char *) : "None");
    CY_SEND(a, int, 40);
    printf("ask: %s\n", cy_task_yielded(a) ? CY_YIELDED(a, const char *) : "None");
    CY_SEND(a, int, 2);
    printf("ask returned %d\n", CY_RESULT(a, int));

    drive("valued_only", v);
    printf("valued_only: %s\n", cy_task_yielded(v) ? "a value" : "None");
    cy_task_free(g);
    cy_task_free(o);
    cy_task_free(a);
    cy_task_free(v);
    return 0;
}
