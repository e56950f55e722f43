/* issue 9: a compound literal whose address is kept across a suspension in its block moves into the frame like a variable */
#include <stdio.h>

struct q { int a, b; };

coroutine int f(void)
{
    int *p = (int[]){1, 2, 3};
    struct q *s = &(struct q){7, 8};
    yield;
    p[1] += 40;
    yield;
    return p[0] + p[1] + p[2] + s->a * s->b;
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
