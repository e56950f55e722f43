/*
 * 1-run_once.cy - the article's first event loop: a deque of tasks and the
 * three helpers schedule, run_until_empty and run_once, written by hand
 * (the runtime's cy_loop does the same; see loop_class.cy).
 *
 *   >>> run_once(events_loop, tic_tac())
 *   Tic
 *   Tac
 *   Task 'tic_tac' returned 'Boum!'
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

/* collections.deque, reduced to what the article uses: a ring of tasks */
#define DEQUE_CAP 8
struct deque {
    cy_task *items[DEQUE_CAP];
    size_t head, count;
};

static int append(struct deque *d, cy_task *task)
{
    if (!task || d->count == DEQUE_CAP)
        return -1;
    d->items[(d->head + d->count++) % DEQUE_CAP] = task;
    return 0;
}

static cy_task *popleft(struct deque *d)
{
    cy_task *task = d->items[d->head];
    d->head = (d->head + 1) % DEQUE_CAP;
    d->count--;
    return task;
}

static int schedule(struct deque *loop, cy_task *task)
{
    return append(loop, task);
}

static void run_until_empty(struct deque *loop)
{
    while (loop->count) {
        cy_task *task = popleft(loop);
        /* advance the coroutine to its next yield */
        if (cy_task_step(task) == 1) {
            /* not finished: it will carry on later */
            schedule(loop, task);
            continue;
        }
        /* StopIteration: print the name and the value, both with {!r} */
        const char *name = cy_task_name(task);
        char name_repr[64], res_repr[64];
        cy_value_repr(CY_KIND_STRING, sizeof name, &name, name_repr,
                      sizeof name_repr);
        cy_task_result_repr(task, res_repr, sizeof res_repr);
        printf("Task %s returned %s\n", name_repr, res_repr);
        cy_task_free(task);
    }
}

static int run_once(struct deque *loop, cy_task *task)
{
    if (schedule(loop, task))
        return -1;
    run_until_empty(loop);
    return 0;
}

int main(void)
{
    struct deque events_loop = { .head = 0, .count = 0 };
    cy_task *task = tic_tac();
    if (run_once(&events_loop, task)) {
        cy_task_free(task);
        return 1;
    }
    return 0;
}
