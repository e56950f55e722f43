/*
 * 4-serve_A.cy - part 4, "Modélisons le serveur du fast food avec
 * asyncio": one order, the three items prepared concurrently.
 *
 *   @asyncio.coroutine
 *   def serve(client):
 *       print("=> Commande passée par {}".format(client))
 *       start_time = datetime.now()
 *       yield from asyncio.wait([get_soda(client), get_fries(client), get_burger(client)])
 *       total = datetime.now() - start_time
 *       print("<= {} servi en {}".format(client, datetime.now() - start_time))
 *
 *   >>> loop = asyncio.get_event_loop()
 *   >>> loop.run_until_complete(serve("A"))
 *
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
 * tests); "4-serve_A SCALE" runs on the real clock, a second lasting SCALE
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
    cy_task *t = serve(&loop, "A");
    int rc = t ? cy_loop_run_until_complete(&loop, t) : -ENOMEM;
    if (rc == 0 && cy_task_status(t) != CY_FINISHED)
        rc = -EIO;
    cy_task_free(t);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
