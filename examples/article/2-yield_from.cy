/*
 * 2-yield_from.cy - part 2, "Exécuter des tâches concurrentes": `example`
 * hands over to `subtask` with `yield from`, sequentially.
 *
 *   >>> event_loop = Loop()
 *   >>> event_loop.run_until_complete(example())
 *
 * `yield from subtask()` is `await subtask();`: the subtask runs inside
 * the task, its yields reach the loop.  Loop and Task are the article's
 * own (article.h).
 */
#include <stdio.h>
#include "article.h"

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
    await subtask();
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
