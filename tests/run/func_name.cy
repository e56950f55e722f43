/* __func__ inside a coroutine names the coroutine, not the resume function
 * it runs in */
#include <stdio.h>

static void where(const char *f, int line) { printf("%s:%d\n", f, line); }

coroutine void worker(void)
{
    where(__func__, __LINE__);
    yield;
    where(__func__, __LINE__);
}

int main(void)
{
    cy_task *t = worker();
    while (cy_task_step(t) > 0)
        ;
    cy_task_free(t);
    where(__func__, __LINE__);
    return 0;
}
