/*
 * 4-serve_AB.cy - part 4: two clients at once, with no constraint: both
 * are served in 4 seconds, as if sodas, fries and burgers were endless.
 *
 *   >>> loop.run_until_complete(asyncio.wait([serve("A"), serve("B")]))
 *
 * run_until_complete(asyncio.wait(...)) is cy_loop_wait.  The REPL would
 * also echo the pair of sets asyncio.wait returns; the article's
 * transcript leaves it out, and so does this program.
 * asyncio's loop is a cy_loop of the program's own, passed to the
 * coroutines (the runtime keeps no global loop); asyncio.sleep is
 * cy_sleep, asyncio.wait([...]) cy_wait (the coroutines given become
 * tasks it launches), datetime.now() the loop's clock.  serve returns the
 * duration (the article computes `total` without returning it, but
 * perf_test reads it).
 * asyncio.wait turns its list of coroutines into a set of tasks, so the
 * article's run started them in its set's order; cy_wait starts them in
 * list order (soda, fries, burger; A before B): the same lines, in
 * another order where several tasks start or finish at the same time.
 */
#include <stdio.h>
#include <stdlib.h>
#include "timedelta.h"

static coroutine void get_soda(cy_loop *loop, const char *client)
{
    printf("    > Remplissage du soda pour %s\n", client);
    await cy_sleep(loop, 1);
    printf("    < Le soda de %s est prêt\n", client);
}

static coroutine void get_fries(cy_loop *loop, const char *client)
{
    printf("    > Démarrage de la cuisson des frites pour %s\n", client);
    await cy_sleep(loop, 4);
    printf("    < Les frites de %s sont prêtes\n", client);
}

static coroutine void get_burger(cy_loop *loop, const char *client)
{
    printf("    > Commande du burger en cuisine pour %s\n", client);
    await cy_sleep(loop, 3);
    printf("    < Le burger de %s est prêt\n", client);
}

/* datetime.now(), on the loop's clock (in microseconds, as Python's) */
static timedelta datetime_now(cy_loop *loop)
{
    return timedelta_seconds(cy_loop_time(loop));
}

static coroutine timedelta serve(cy_loop *loop, const char *client)
{
    printf("=> Commande passée par %s\n", client);
    timedelta start_time = datetime_now(loop);
    cy_task *items[3] = {
        get_soda(loop, client),
        get_fries(loop, client),
        get_burger(loop, client),
    };
    defer { for (int i = 0; i < 3; i++) cy_task_free(items[i]); }
    for (int i = 0; i < 3; i++)
        if (!items[i])
            throw ENOMEM;
    await cy_wait(loop, items, 3, -1, CY_ALL_COMPLETED);
    timedelta total = datetime_now(loop) - start_time;
    char d[32];
    printf("<= %s servi en %s\n", client, timedelta_str(datetime_now(loop) - start_time, d));
    return total;
}

/* With no argument the loop's clock is virtual: it jumps to the next
 * timer, so the run takes no time and the durations are exact (the
 * tests); "4-serve_AB SCALE" runs on the real clock, a second lasting SCALE
 * seconds (1: the article's seconds, 0.01: a hundred times faster). */
int main(int argc, char **argv)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    if (argc > 1 ? cy_loop_set_time_scale(&loop, atof(argv[1]))
                 : cy_loop_set_virtual_time(&loop, 1)) {
        fprintf(stderr, "usage: %s [SCALE]\n", argv[0]);
        cy_loop_close(&loop);
        return 2;
    }
    static const char *const clients[2] = { "A", "B" };
    cy_task *tasks[2] = { NULL };
    int rc = 0;
    for (int i = 0; i < 2; i++)
        if (!(tasks[i] = serve(&loop, clients[i])))
            rc = -ENOMEM;
    if (rc == 0)
        rc = cy_loop_wait(&loop, tasks, 2);
    for (int i = 0; i < 2; i++) {
        if (rc == 0 && cy_task_status(tasks[i]) != CY_FINISHED)
            rc = -EIO;
        cy_task_free(tasks[i]);
    }
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
