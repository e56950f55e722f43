/*
 * 4-perf_05.cy - part 4: perf_test(10, 0.5, 5): ten orders, half a second apart, each
 * expected in under 5 seconds: 5/10 clients satisfaits.
 *
 *   @asyncio.coroutine
 *   def perf_test(nb_requests, period, timeout):
 *       tasks = []
 *       for idx in range(1, nb_requests + 1):
 *           client_name = "client_{}".format(idx)
 *           tsk = asyncio.ensure_future(serve(client_name))
 *           tasks.append(tsk)
 *           yield from asyncio.sleep(period)
 *       finished, _ = yield from asyncio.wait(tasks)
 *       success = set()
 *       for tsk in finished:
 *           if tsk.result().seconds < timeout:
 *               success.add(tsk)
 *       print("{}/{} clients satisfaits".format(len(success), len(finished)))
 *
 *   >>> loop.run_until_complete(perf_test(10, 0.5, 5))
 *   # ... sortie filtrée ...
 *
 * asyncio.ensure_future is cy_loop_launch (the tasks stay perf_test's,
 * which reads their results and frees them); tsk.result().seconds is the
 * whole seconds of serve's duration.  The article shows only the "<="
 * lines and the count; this program prints everything.
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

/* the soda machine: one soda at a time */
static cy_lock SODA_LOCK = CY_LOCK_INIT;

static coroutine void get_soda(cy_loop *loop, const char *client)
{
    {   /* with (yield from SODA_LOCK): the lock is released however
         * the block is left */
        await cy_lock_acquire(loop, &SODA_LOCK);
        defer cy_lock_release(&SODA_LOCK);
        /* a single task at a time runs this block */
        printf("    > Remplissage du soda pour %s\n", client);
        await cy_sleep(loop, 1);
        printf("    < Le soda de %s est prêt\n", client);
    }
}

/* three cooks: at most three burgers at once (cy_sem_init(&BURGER_SEM, 3)
 * in main) */
static cy_sem BURGER_SEM;

static coroutine void get_burger(cy_loop *loop, const char *client)
{
    printf("    > Commande du burger en cuisine pour %s\n", client);
    {   /* with (yield from BURGER_SEM): */
        await cy_sem_acquire(loop, &BURGER_SEM);
        defer cy_sem_release(&BURGER_SEM);
        await cy_sleep(loop, 3);
        printf("    < Le burger de %s est prêt\n", client);
    }
}

/* the fryer cooks 5 portions at once */
static int FRIES_COUNTER = 0;
static cy_lock FRIES_LOCK = CY_LOCK_INIT;

static coroutine void get_fries(cy_loop *loop, const char *client)
{
    {   /* with (yield from FRIES_LOCK): */
        await cy_lock_acquire(loop, &FRIES_LOCK);
        defer cy_lock_release(&FRIES_LOCK);
        printf("    > Récupération des frites pour %s\n", client);
        if (FRIES_COUNTER == 0) {
            printf("   ** Démarrage de la cuisson des frites\n");
            await cy_sleep(loop, 4);
            FRIES_COUNTER = 5;
            printf("   ** Les frites sont cuites\n");
        }
        FRIES_COUNTER -= 1;
        printf("    < Les frites de %s sont prêtes\n", client);
    }
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

static coroutine void perf_test(cy_loop *loop, int nb_requests, double period, int timeout)
{
    cy_task **tasks = calloc((size_t)nb_requests, sizeof *tasks);
    char *names = calloc((size_t)nb_requests, 20); /* the clients' names */
    defer {
        for (int i = 0; tasks && i < nb_requests; i++)
            cy_task_free(tasks[i]);
        free(tasks);
        free(names);
    }
    if (!tasks || !names)
        throw ENOMEM;
    /* launch 'nb_requests' orders, 'period' seconds apart */
    for (int idx = 1; idx <= nb_requests; idx++) {
        char *client_name = names + 20 * (idx - 1);
        snprintf(client_name, 20, "client_%d", idx);
        cy_task *tsk = serve(loop, client_name);
        if (!tsk || cy_loop_launch(loop, tsk)) {
            cy_task_free(tsk);
            throw ENOMEM;
        }
        tasks[idx - 1] = tsk;
        await cy_sleep(loop, period);
    }

    await cy_wait(loop, tasks, (size_t)nb_requests, -1, CY_ALL_COMPLETED);
    int finished = 0, success = 0;
    for (int i = 0; i < nb_requests; i++) {
        if (cy_task_status(tasks[i]) != CY_FINISHED)
            continue;
        finished++;
        if (timedelta_secs(CY_RESULT(tasks[i], timedelta)) < timeout)
            success++;
    }

    printf("%d/%d clients satisfaits\n", success, finished);
}

/* With no argument the loop's clock is virtual: it jumps to the next
 * timer, so the run takes no time and the durations are exact (the
 * tests); "4-perf_05 SCALE" runs on the real clock, a second lasting SCALE
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
    cy_sem_init(&BURGER_SEM, 3);
    cy_task *t = perf_test(&loop, 10, 0.5, 5);
    int rc = t ? cy_loop_run_until_complete(&loop, t) : -ENOMEM;
    if (rc == 0 && cy_task_status(t) != CY_FINISHED)
        rc = -EIO;
    cy_task_free(t);
    cy_loop_close(&loop);
    cy_lock_destroy(&SODA_LOCK);
    cy_lock_destroy(&FRIES_LOCK);
    cy_sem_destroy(&BURGER_SEM);
    return rc ? 1 : 0;
}
