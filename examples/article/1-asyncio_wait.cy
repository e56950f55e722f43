/*
 * 1-asyncio_wait.cy - the same two coroutines run by "asyncio":
 *
 *   >>> loop = asyncio.get_event_loop()
 *   >>> loop.run_until_complete(asyncio.wait([tic_tac(), spam()]))
 *   Tic
 *   spam
 *   Tac
 *   eggs
 *   bacon
 *   ({Task(<tic_tac>)<result='Boum!'>, Task(<spam>)<result='spam'>}, set())
 *
 * get_event_loop() is a cy_loop of our own, run_until_complete(wait(...))
 * is cy_loop_wait: it schedules the tasks (which stay ours) and runs the
 * loop until all of them are done.  asyncio.wait returns the sets (done,
 * pending); print_wait prints them as Python 3.4 did, in list order
 * (a Python set has no order to follow).
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

/* Task(<name>)<result=...>, as asyncio's Task.__repr__ printed a done
 * task in Python 3.4 */
static void print_task(const cy_task *task)
{
    char res[64];
    cy_task_result_repr(task, res, sizeof res);
    printf("Task(<%s>)<result=%s>", cy_task_name(task), res);
}

/* one of the sets (done, pending): {a, b}, or set() when empty */
static void print_set(cy_task *const *tasks, size_t n, int done)
{
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (cy_task_done(tasks[i]) != done)
            continue;
        printf(shown++ ? ", " : "{");
        print_task(tasks[i]);
    }
    printf(shown ? "}" : "set()");
}

static void print_wait(cy_task *const *tasks, size_t n)
{
    printf("(");
    print_set(tasks, n, 1);
    printf(", ");
    print_set(tasks, n, 0);
    printf(")\n");
}

int main(void)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    cy_task *tasks[2] = { tic_tac(), spam() };
    int rc = 1;
    if (tasks[0] && tasks[1] && cy_loop_wait(&loop, tasks, 2) == 0) {
        print_wait(tasks, 2);
        rc = 0;
    }
    cy_task_free(tasks[0]);
    cy_task_free(tasks[1]);
    cy_loop_close(&loop);
    return rc;
}
