/* issue 9: the runtime header coroc puts before the file's first line must
 * not settle the feature-test macros the file defines at its top: a GNU
 * function of <string.h> is declared, and the file names the runtime's API
 * (CY_RESULT) and an errno value without including <errno.h> itself */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

coroutine int f(const char *s)
{
    yield;
    return (int)(strchrnul(s, '/') - s);
}

int main(void)
{
    cy_task *t = f("abc/def");
    while (cy_task_step(t) > 0)
        ;
    printf("%d %d\n", CY_RESULT(t, int), cy_task_step(t) == -EINVAL);
    cy_task_free(t);
    return 0;
}
