/*
 * 3-serve.cy - part 3: the fast-food server, one item after the other.
 *
 *   def serve():
 *       start = datetime.now()
 *       yield from get_soda()
 *       yield from get_burger()
 *       yield from get_fries()
 *       print("Client servi en", datetime.now() - start)
 *
 *   >>> event_loop.run_until_complete(serve())
 *
 * 8 seconds: 0:00:08.000307 in the article (its busy-waiting loop's
 * overhead in the last digits); with the virtual clock of the tests each
 * step of the loop lasts 1 ms, which gives fixed digits (see main).
 */
#include <stdio.h>
#include "article.h"

/* async_sleep(secs): give the hand back until the time has come */
static coroutine void async_sleep(double secs)
{
    /* the time at which to wake up */
    datetime wakeup = datetime_now() + timedelta_seconds(secs);
    /* give the hand back as long as it has not come */
    while (datetime_now() < wakeup)
        yield;
}

static coroutine void get_soda(void)
{
    printf("Remplissage du gobelet de soda\n");
    await async_sleep(1);
    printf("Le soda est prêt\n");
}

static coroutine void get_fries(void)
{
    printf("Démarrage de la cuisson des frites\n");
    await async_sleep(4);
    printf("Les frites sont prêtes\n");
}

static coroutine void get_burger(void)
{
    printf("Commande du burger en cuisine\n");
    await async_sleep(3);
    printf("Le burger est prêt\n");
}

static coroutine void serve(void)
{
    datetime start = datetime_now();
    await get_soda();
    await get_burger();
    await get_fries();
    char d[32];
    printf("Client servi en %s\n", timedelta_str(datetime_now() - start, d));
}

/* No argument: the virtual clock (each step of the loop lasts 1 ms; the
 * tests); "3-serve SCALE": the real clock, a second lasting SCALE seconds
 * (1: the article's seconds, busy-waiting as its async_sleep does). */
int main(int argc, char **argv)
{
    if (clock_setup(argc, argv))
        return 2;
    Loop event_loop;
    Loop_init(&event_loop);
    int rc = Loop_run_until_complete(&event_loop, serve());
    Loop_close(&event_loop);
    return rc ? 1 : 0;
}
