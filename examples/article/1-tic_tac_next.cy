/*
 * 1-tic_tac_next.cy - the article's first example, stepped by hand.
 *
 *   >>> task = tic_tac()
 *   >>> next(task)
 *   Tic
 *   >>> next(task)
 *   Tac
 *   >>> next(task)
 *   StopIteration: Boum!
 *
 * next(task) is cy_task_step(task): it returns 1 while the task suspends
 * and 0 once it is done, which is where Python raises StopIteration with
 * the return value.
 */
#include <stdio.h>

static coroutine const char *tic_tac(void)
{
    printf("Tic\n");
    yield;
    printf("Tac\n");
    yield;
    return "Boum!";
}

int main(void)
{
    cy_task *task = tic_tac();
    if (!task)
        return 1;
    cy_task_step(task); /* next(task): prints Tic, returns 1 */
    cy_task_step(task); /* next(task): prints Tac, returns 1 */
    if (cy_task_step(task) != 0) { /* next(task): done, returns 0 */
        cy_task_free(task);
        return 1;
    }
    /* Python raises StopIteration here, carrying the return value */
    printf("StopIteration: %s\n", CY_RESULT(task, const char *));
    cy_task_free(task);
    return 0;
}
