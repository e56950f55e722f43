/*
 * 2-cancel.cy - part 2: cancelling the subtask before `example` ends.
 * Task.cancel() marks the task CANCELLED; the loop, finding it at its
 * turn, prints it and forgets it; the little coroutine cancel() yields
 * once so that the loop gets the chance to do so.
 *
 *   def cancel(task):
 *       task.cancel()
 *       yield
 *
 *   def example():
 *       ...
 *       sub = yield from ensure_future(subtask())
 *       ...
 *       yield from cancel(sub)
 *
 *   >>> event_loop.run_until_complete(example())
 *
 * The forgotten subtask stays suspended until Loop_close frees it (Python's
 * garbage collector would close it the same way).
 */
#include <stdio.h>
#include "article.h"

static coroutine(call, tuple) Task *ensure_future(cy_task *task)
{
    cy_task *args[1] = { task };
    tuple launched = yield (call){ CALL_SCHEDULE, 1, args };
    return launched.items[0];
}

static coroutine void cancel(Task *task)
{
    Task_cancel(task); /* cancel the task */
    yield;             /* let the loop take the cancellation into account */
}

static coroutine void subtask(void)
{
    printf("Tâche 'subtask'\n");
    for (int _ = 0; _ < 5; _++) {
        printf("(subtask)\n");
        yield;
    }
}

static coroutine void example(void)
{
    printf("Tâche 'example'\n");
    printf("Lancement de la tâche 'subtask'\n");
    Task *sub = await ensure_future(subtask());
    printf("Retour dans 'example'\n");
    for (int _ = 0; _ < 3; _++) {
        printf("(example)\n");
        yield;
    }
    await cancel(sub);
}

int main(void)
{
    Loop event_loop;
    Loop_init(&event_loop);
    int rc = Loop_run_until_complete(&event_loop, example());
    Loop_close(&event_loop);
    return rc ? 1 : 0;
}
