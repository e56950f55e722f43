/* issue 9: local types hoisted to file scope (found while hunting): see local_types_hoisted.cy */
#include <stdio.h>
struct node { long big[4]; };
coroutine int g(void)
{
    enum { N = 3 };
    int arr[N] = {1, 2, 3};
    struct node { int v; struct node *next; } a = {1, NULL}, b = {2, &a};
    yield;
    int s = 0;
    for (struct node *p = &b; p; p = p->next) { yield; s += p->v; }
    {
        struct node outer_view;   /* the local one, still in scope */
        outer_view.v = 5;
        yield;
        s += outer_view.v;
    }
    __typeof__(arr) copy;
    for (int i = 0; i < N; i++) copy[i] = arr[i] * 2;
    yield;
    return s * 100 + copy[2] + (int)sizeof(struct node) * 0 + (int)(sizeof copy / sizeof copy[0]);
}
int main(void)
{
    cy_task *t = g();
    while (cy_task_step(t) > 0) ;
    printf("%d %zu\n", CY_RESULT(t, int), sizeof(struct node));
    cy_task_free(t);
    return 0;
}
