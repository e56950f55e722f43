/* Local types, compound literals and defer in a plain function and in a
 * coroutine of the same file: the plain function is parsed for its defer,
 * and nothing of it is hoisted (it has no frame). */
#include <stdio.h>
#include "coroc.h"
static int plain(int n)
{
    struct S { int x; } s = { n };
    enum { LO = 1, HI = 2 } e = HI;
    defer printf("plain defer %d %d\n", s.x, (int)e);
    int *p = (int[]){ 1, 2, 3 };
    return p[1] + s.x;
}
static coroutine int co(int n)
{
    struct S { int x; } s = { n };
    defer printf("co defer %d\n", s.x);
    yield;
    return s.x + plain(n);
}
int main(void)
{
    cy_task *t = co(3);
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
