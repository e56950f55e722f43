/* plain-C twin of local_types_shadow_file_tag.cy: coroutines are functions, yield is gone */
#include <stdio.h>
struct node { long big[4]; };
static int g(void)
{
    enum { N = 3 };
    int arr[N] = {1, 2, 3};
    struct node { int v; struct node *next; } a = {1, NULL}, b = {2, &a};
    ;
    int s = 0;
    for (struct node *p = &b; p; p = p->next) { ; s += p->v; }
    {
        struct node outer_view;   /* the local one, still in scope */
        outer_view.v = 5;
        ;
        s += outer_view.v;
    }
    __typeof__(arr) copy;
    for (int i = 0; i < N; i++) copy[i] = arr[i] * 2;
    ;
    return s * 100 + copy[2] + (int)sizeof(struct node) * 0 + (int)(sizeof copy / sizeof copy[0]);
}
int main(void)
{
    int t = g();
    printf("%d %zu\n", t, sizeof(struct node));
    return 0;
}
