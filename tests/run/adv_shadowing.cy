/* adversarial: a parameter shadowing a global, frame and plain locals with
 * the same name in nested and sibling scopes, extern from inside, int j = i,
 * i = j + 1 */
#include <stdio.h>

int i = 900;                                   /* a global */

coroutine(int) int sh2(int i)                  /* a parameter shadows it */
{
    yield i;
    {
        int j = i, i = j + 1;                  /* j reads the parameter; plain C locals */
        printf("[%d %d] ", j, i);
    }
    {
        int j = i * 10, i = j + 1;             /* this time both kept in the frame */
        yield j;
        yield i;
        for (int i = 0; i < 2; i++)            /* a plain C loop variable */
            printf("<%d> ", i);
        yield i;
        {
            extern int i;                      /* the global, from inside */
            yield i;
        }
    }
    for (int k = 0; k < 2; k++) {
        int i = k + 50;                        /* frame, sibling of the block above */
        yield i;
        { int i = -1; (void)i; }
    }
    return i;
}

int main(void)
{
    cy_task *t = sh2(7);
    while (cy_task_step(t) > 0)
        printf("%d ", CY_YIELDED(t, int));
    printf("| %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
