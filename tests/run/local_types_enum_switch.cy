/* issue 9: local types hoisted to file scope (found while hunting): see local_types_hoisted.cy */
#include <stdio.h>
enum { RED = 10 };
coroutine int g(int k)
{
    enum color { RED, GREEN, BLUE } c = k;
    typedef struct { enum color col; int w; } item;
    item it = { GREEN, 3 };
    int r = 0;
    yield;
    switch (c) { case RED: r = 1; break; case GREEN: r = 2; break; default: r = 3; }
    enum color *pc = &it.col;
    yield;
    __auto_type q = it;
    yield;
    return r * 100 + (int)*pc * 10 + q.w + (int)sizeof(enum color);
}
coroutine int h(void)
{
    int r = RED;
    yield;
    return r;
}
int main(void)
{
    cy_task *t = g(1);
    while (cy_task_step(t) > 0) ;
    cy_task *u = h();
    while (cy_task_step(u) > 0) ;
    printf("%d %d\n", CY_RESULT(t, int), CY_RESULT(u, int));
    cy_task_free(t); cy_task_free(u);
    return 0;
}
