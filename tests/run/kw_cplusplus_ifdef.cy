/* issue 9: try/throw/catch in #ifdef __cplusplus code of a C file (as Lua's
 * ldo.c has) pass through untouched */
#include <stdio.h>

#if defined(__cplusplus)
#define LUAI_THROW(c) throw(c)
static int guarded(int v)
{
    int c = 0;
    try { v++; } catch (...) { c = -1; }
    if (v < 0)
        throw v;
    return v + c;
}
static int nothrow(int v) throw () { return v; }
#else
static int guarded(int v) { return v + 1; }
#endif

#ifdef __cplusplus
extern "C" {
#endif
int twice(int v);
#ifdef __cplusplus
}
#endif

int twice(int v) { return 2 * v; }

coroutine int f(void)
{
    int k = guarded(4);
    yield;
    return twice(k);
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        ;
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
