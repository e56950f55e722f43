/*
 * 1-task_class.cy - the article's Task class: a task knows its status and
 * its result, and prints as <Task 'name' [STATUS] (result)>.
 *
 *   >>> task = Task(tic_tac())
 *   >>> task
 *   <Task 'tic_tac' [NEW] (None)>
 *   >>> while not task.is_done():
 *   ...     task.run()
 *   ...     print(task)
 *
 * Task(coro) is the cy_task the constructor returns, task.run() is
 * cy_task_step, is_done() cy_task_done and print(task) cy_task_print.
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
    cy_task_print(task, stdout);
    while (!cy_task_done(task)) {
        cy_task_step(task);
        cy_task_print(task, stdout);
    }
    cy_task_free(task);
    return 0;
}
