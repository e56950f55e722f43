/*
 * 2-ensure_future.cy - part 2: launching a subtask concurrently.  The
 * loop answers the message (CALL_SCHEDULE, [task]) that ensure_future
 * yields by scheduling the task, and sends the new Task back.
 *
 *   def ensure_future(task):
 *       (task,) = yield CALL_SCHEDULE, [task]
 *       return task
 *
 *   >>> event_loop = Loop()
 *   >>> event_loop.run_until_complete(example())
 *
 * `yield from ensure_future(subtask())` is `await ensure_future(subtask());`:
 * ensure_future yields a `call` and receives a `tuple` (article.h), and
 * since the innermost frame's yields reach the loop, the loop sees the
 * message while `example`'s own bare yields give it nothing (None).
 */
#include <stdio.h>
#include "article.h"

static coroutine(call, tuple) Task *ensure_future(cy_task *task)
{
    cy_task *args[1] = { task };
    tuple launched = yield (call){ CALL_SCHEDULE, 1, args };
    return launched.items[0];
}

static coroutine void subtask(void)
{
    printf("Tâche 'subtask'\n");
    for (int _ = 0; _ < 2; _++) {
        printf("(subtask)\n");
        yield;
    }
}

static coroutine void example(void)
{
    printf("Tâche 'example'\n");
    printf("Lancement de la tâche 'subtask'\n");
    await ensure_future(subtask());
    printf("Retour dans 'example'\n");
    for (int _ = 0; _ < 3; _++) {
        printf("(example)\n");
        yield;
    }
}

int main(void)
{
    Loop event_loop;
    Loop_init(&event_loop);
    int rc = Loop_run_until_complete(&event_loop, example());
    Loop_close(&event_loop);
    return rc ? 1 : 0;
}
