/* A prototype that disagrees with the definition in add.cy (which returns
 * int): the await fails instead of copying 8 bytes from a 4-byte result. */
#include <stdio.h>
coroutine double add_slowly(int a, int b);

static coroutine double sum(void)
{
    double x = await add_slowly(1, 2);
    return x;
}

int main(void)
{
    cy_task *t = sum();
    while (cy_task_step(t) == 1)
        ;
    printf("%s %d %s\n", cy_status_name(cy_task_status(t)), cy_task_error(t),
           cy_task_message(t));
    cy_task_free(t);
    return 0;
}
