/*
 * 1-loop_class.cy - the article's Loop class is the runtime's cy_loop: a
 * FIFO of ready tasks; run_once steps them until none is left and prints
 * each task as soon as it is done (here, from the on_done hook).
 *
 *   >>> loop = Loop()
 *   >>> loop.schedule(tic_tac())
 *   >>> loop.schedule(spam())
 *   >>> loop.run_once()
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

static coroutine const char *spam(void)
{
    printf("spam\n");
    yield;
    printf("eggs\n");
    yield;
    printf("bacon\n");
    yield;
    return "spam";
}

/* if task.is_done(): print(task) -- the loop frees the task afterwards */
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
    cy_task *a = tic_tac();
    if (cy_loop_schedule(&loop, a)) {
        cy_task_free(a);
        cy_loop_close(&loop);
        return 1;
    }
    cy_task *b = spam();
    if (cy_loop_schedule(&loop, b)) {
        cy_task_free(b);
        cy_loop_close(&loop);
        return 1;
    }
    int rc = cy_loop_run(&loop);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
