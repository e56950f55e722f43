/*
 * 2-zombie.cy - part 2: a launched subtask longer than `example` outlives
 * it.  run_until_complete stops when `example` is done; the subtask stays
 * suspended in the loop, a zombie, until the loop is emptied.
 *
 *   >>> def subtask():
 *   ...     print("Tâche 'subtask'")
 *   ...     for _ in range(5):
 *   ...         print("(subtask)")
 *   ...         yield
 *   ...
 *   >>> event_loop.run_until_complete(example())
 *   ...
 *   >>> event_loop.run_until_empty()
 *
 * One program for the two transcripts, which share their loop.
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
    for (int _ = 0; _ < 5; _++) {
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
    if (rc == 0)
        rc = Loop_run_until_empty(&event_loop); /* the zombie's last rounds */
    Loop_close(&event_loop);
    return rc ? 1 : 0;
}
