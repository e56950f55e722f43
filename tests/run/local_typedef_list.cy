/* issue 9: a local typedef struct node used by locals that live across a yield */
#include <stdio.h>

coroutine int f(void)
{
    typedef struct node { int v; struct node *next; } node_t;
    node_t c = {3, NULL}, b = {2, &c}, a = {1, &b};
    int sum = 0;
    for (node_t *p = &a; p; p = p->next) {
        yield;
        sum = sum * 10 + p->v;
    }
    return sum;
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
