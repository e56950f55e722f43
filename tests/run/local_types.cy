/* types declared inside a coroutine: fine for C locals, and a type defined
 * in the declaration of a frame local moves into the frame with it */
#include <stdio.h>
coroutine int f(void)
{
    typedef int count_t;
    {
        count_t before = 5;          /* no suspension after it: a C local */
        printf("%d\n", before);
    }
    struct { int a, b; } p = { 1, 2 };   /* the type moves with the member */
    yield;
    return p.a + p.b;
}
int main(void) { cy_task *t = f(); while (cy_task_step(t) > 0); printf("%d\n", CY_RESULT(t, int)); cy_task_free(t); return 0; }
