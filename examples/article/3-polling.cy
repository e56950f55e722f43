/*
 * 3-polling.cy - part 3, "Attendre de façon asynchrone": `example` waits
 * for the subtask it launched by yielding as long as it is not done.
 *
 *   print("En attente de la fin de 'subtask'")
 *   while not sub.is_done() and not sub.is_cancelled():
 *       yield
 *   print("Ça y est, je peux quitter")
 *
 *   >>> event_loop = Loop()
 *   >>> event_loop.run_until_complete(example())
 *
 * `sub` is the Task ensure_future got back from the loop (article.h): the
 * loop keeps it until Loop_close, so polling it is always safe.
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
    Task *sub = await ensure_future(subtask());
    printf("Retour dans 'example'\n");
    for (int _ = 0; _ < 3; _++) {
        printf("(example)\n");
        yield;
    }

    printf("En attente de la fin de 'subtask'\n");
    while (!Task_is_done(sub) && !Task_is_cancelled(sub))
        yield;
    printf("Ça y est, je peux quitter\n");
}

int main(void)
{
    Loop event_loop;
    Loop_init(&event_loop);
    int rc = Loop_run_until_complete(&event_loop, example());
    Loop_close(&event_loop);
    return rc ? 1 : 0;
}
