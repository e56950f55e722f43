/* await of a task handle the program holds: it stays the program's, to
 * read its result once done and to free; a task made by the await's own
 * call is freed by the await */
#include <stdio.h>

coroutine int child(int v) { yield; return v * 2; }

coroutine int parent(void)
{
    cy_task *h = child(21);
    await h;                         /* h is still ours */
    int r = CY_RESULT(h, int);
    cy_task_free(h);
    await child(1);                  /* a temporary: freed by the await */
    return r;
}

int main(void)
{
    cy_task *t = parent();
    while (cy_task_step(t) > 0)
        ;
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
