/* adversarial: a frame local named like a struct tag, a member, a label and
 * an enumerator */
#include <stdio.h>

struct x { int x; int y; };
struct y { struct x x; };

coroutine(int) int ns(int y)
{
    int x = 1;
    struct x sx = { .x = 10, .y = 20 };
    struct y sy = { .x = { .x = 100, .y = y } };
    struct x *px = &sx;
    yield x;
x:
    yield sx.x + px->x + px -> y + sy.x.x + sy . x . y;
    x++;
    if (x < 3) goto x;
    {
        enum { x = 1000 };               /* an enumerator shadows the local */
        yield x + (int)sizeof(struct x);
    }
    struct x *cast = (struct x *)px;
    yield ((struct y){ .x = *cast }).x.x + y;
    return (int)sizeof x + x;
}

int main(void)
{
    cy_task *t = ns(5);
    while (cy_task_step(t) > 0)
        printf("%d ", CY_YIELDED(t, int));
    printf("| %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
