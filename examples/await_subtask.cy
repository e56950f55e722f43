/*
 * await_subtask.cy - in the style of the article's second part (its faithful
 * port is article/2-yield_from.cy), on the runtime's loop: a task that
 * awaits another one: `yield from subtask()` runs the subtask inside the
 * task, and gives back its result.
 *
 *   def subtask():
 *       print("Tâche 'subtask'")
 *       yield
 *       print("Fin de 'subtask'")
 *       return 42
 *
 *   def example():
 *       print("Tâche 'example'")
 *       print("Attente de la tâche 'subtask'")
 *       result = yield from subtask()
 *       print("Retour dans 'example' : 'subtask' a renvoyé", result)
 *
 * The subtask's frame lives inside the task's frame (it is defined above
 * it in the same file): no allocation, and the loop resumes the subtask
 * directly.
 */
#include <stdio.h>

static coroutine int subtask(void)
{
    printf("Tâche 'subtask'\n");
    yield;
    printf("Fin de 'subtask'\n");
    return 42;
}

static coroutine void example(void)
{
    printf("Tâche 'example'\n");
    printf("Attente de la tâche 'subtask'\n");
    int result = await subtask();
    printf("Retour dans 'example' : 'subtask' a renvoyé %d\n", result);
}

static void print_task(cy_loop *loop, cy_task *task, void *arg)
{
    (void)loop;
    cy_task_print(task, arg);
}

int main(void)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    cy_loop_on_done(&loop, print_task, stdout);
    cy_task *task = example();
    if (!task || cy_loop_schedule(&loop, task)) {
        cy_task_free(task);
        cy_loop_close(&loop);
        return 1;
    }
    int rc = cy_loop_run(&loop);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
