/* CY_SEND and a yield/receive type that is a struct */
#include <stdio.h>
typedef struct { int x, y; } point;
coroutine(point, point) point mover(void)
{
    point p = { 0, 0 };
    for (int i = 0; i < 2; i++) {
        point d = yield p;
        p.x += d.x;
        p.y += d.y;
    }
    return p;
}
int main(void)
{
    cy_task *t = mover();
    cy_task_step(t);
    point d = { 1, 2 };
    CY_SEND(t, point, d);
    CY_SEND(t, point, ((point){ 10, 20 }));
    point r = CY_RESULT(t, point);
    printf("%d %d\n", r.x, r.y);
    CY_SEND(t, int, 3);   /* wrong size: -EINVAL, ignored here */
    cy_task_free(t);
    return 0;
}
