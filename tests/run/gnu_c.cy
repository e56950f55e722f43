/* GNU C that system code uses inside functions, with frame locals across
 * suspensions: labels as values (&&label, goto *p), __alignof__ of an
 * expression, asm operands naming frame locals. */
#include <stdio.h>

coroutine int labels(int k)
{
    void *where = k ? &&one : &&two;
    int r = 0;
    yield;
    goto *where;
one:
    r = 1;
    yield;
    return r;
two:
    return 2;
}

coroutine int align(int k)
{
    double d = k;
    yield;
    return (int)__alignof__(d) + (int)sizeof d + (int)d;
}

coroutine int operands(int k)
{
    int out = 0;
    struct { int v; } s = { k + 1 };
    yield;
    __asm__("" : "=r"(out) : "0"(s.v)); /* out = s.v, on any machine */
    yield;
    return out;
}

static int run(cy_task *t)
{
    while (cy_task_step(t) > 0) {}
    int r = CY_RESULT(t, int);
    cy_task_free(t);
    return r;
}

int main(void)
{
    printf("%d %d\n", run(labels(1)), run(labels(0)));
    printf("%d\n", run(align(3)));
    printf("%d\n", run(operands(7)));
    return 0;
}
