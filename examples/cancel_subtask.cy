/*
 * cancel_subtask.cy - in the style of the article's second part (its
 * faithful port is article/2-cancel.cy), on the runtime's loop: a task
 * launches a subtask that would run forever,
 * lets it run a little, then cancels it (task.cancel()).  Cancelling runs
 * the subtask's cleanup at once (its `defer`, Python's `finally` as
 * generator.close() runs it) and leaves it CANCELLED.
 *
 *   def subtask():
 *       print("Tâche 'subtask'")
 *       try:
 *           while True:
 *               print("(subtask)")
 *               yield
 *       finally:
 *           print("Nettoyage de 'subtask'")
 *
 *   def example(loop):
 *       print("Tâche 'example'")
 *       print("Lancement de la tâche 'subtask'")
 *       sub = loop.ensure_future(subtask())
 *       for _ in range(2):
 *           print("(example)")
 *           yield
 *       print("Annulation de la tâche 'subtask'")
 *       sub.cancel()
 *       print(sub)
 */
#include <stdio.h>

static coroutine void subtask(void)
{
    printf("Tâche 'subtask'\n");
    defer printf("Nettoyage de 'subtask'\n");
    for (;;) {
        printf("(subtask)\n");
        yield;
    }
}

static coroutine void example(cy_loop *loop)
{
    printf("Tâche 'example'\n");
    printf("Lancement de la tâche 'subtask'\n");
    cy_task *sub = subtask();
    if (!sub || cy_loop_launch(loop, sub)) {
        cy_task_free(sub);
        throw ENOMEM;
    }
    for (int i = 0; i < 2; i++) {
        printf("(example)\n");
        yield;
    }
    printf("Annulation de la tâche 'subtask'\n");
    cy_task_cancel(sub);
    cy_task_print(sub, stdout);
    cy_task_free(sub); /* the loop frees it once it has dropped it */
}

int main(void)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    cy_task *task = example(&loop);
    int rc = task ? cy_loop_run_until_complete(&loop, task) : -ENOMEM;
    if (rc == 0)
        rc = cy_loop_run(&loop);
    if (rc == 0)
        cy_task_print(task, stdout);
    cy_task_free(task);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
