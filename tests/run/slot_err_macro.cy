/* A macro named err (the header member a frame skips to share err with a
 * local): the frame names the offset through CY_ERR_OFFSET_, computed in
 * coroc_gen.h before the macro exists. */
#include <stdio.h>
#define err (errors_seen++)
static int errors_seen;
coroutine int count(int n)
{
    yield;
    return n + 1;
}
int main(void)
{
    cy_task *t = count(1);
    while (cy_task_step(t) > 0) ;
    printf("%d %d\n", CY_RESULT(t, int), errors_seen);
    cy_task_free(t);
    return 0;
}
