/*
 * launch_subtask.cy - in the style of the article's second part (its
 * faithful port is article/2-ensure_future.cy): a task launches a
 * subtask (asyncio.ensure_future) and goes on; the loop interleaves them,
 * then the task awaits the subtask and both are printed.
 *
 *   def subtask():
 *       print("Tâche 'subtask'")
 *       for _ in range(3):
 *           print("(subtask)")
 *           yield
 *       return "sous-tâche"
 *
 *   def example(loop):
 *       print("Tâche 'example'")
 *       print("Lancement de la tâche 'subtask'")
 *       sub = loop.ensure_future(subtask())
 *       print("Retour dans 'example'")
 *       for _ in range(3):
 *           print("(example)")
 *           yield
 *       yield from sub
 *
 * cy_loop_launch is ensure_future: the loop runs the subtask, the program
 * keeps it (to print it, then free it).
 */
#include <stdio.h>

static coroutine const char *subtask(void)
{
    printf("Tâche 'subtask'\n");
    for (int i = 0; i < 3; i++) {
        printf("(subtask)\n");
        yield;
    }
    return "sous-tâche";
}

static coroutine void example(cy_loop *loop, cy_task **sub)
{
    printf("Tâche 'example'\n");
    printf("Lancement de la tâche 'subtask'\n");
    *sub = subtask();
    if (!*sub || cy_loop_launch(loop, *sub))
        throw ENOMEM;
    printf("Retour dans 'example'\n");
    for (int i = 0; i < 3; i++) {
        printf("(example)\n");
        yield;
    }
    await *sub;
}

int main(void)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    cy_task *sub = NULL;
    cy_task *task = example(&loop, &sub);
    int rc = task ? cy_loop_run_until_complete(&loop, task) : -ENOMEM;
    if (rc == 0) {
        cy_task_print(sub, stdout);
        cy_task_print(task, stdout);
    }
    cy_task_free(sub);
    cy_task_free(task);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
