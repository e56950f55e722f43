/*
 * fast_food.cy - in the style of the article's third part (its faithful
 * ports are article/3-serve.cy and 3-async_serve.cy), on the runtime's
 * loop: the fast-food order: a soda (1 second),
 * a burger (3 seconds) and fries (4 seconds).  Prepared one after the
 * other the order takes 8 seconds; prepared concurrently (asyncio.wait) it
 * takes as long as the longest item, 4 seconds.
 *
 *   @asyncio.coroutine
 *   def prepare(item, delay):
 *       print("Préparation : {}".format(item))
 *       yield from asyncio.sleep(delay)
 *       print("{} : prêt !".format(item))
 *       return item
 *
 *   @asyncio.coroutine
 *   def one_by_one(loop):
 *       start = loop.time()
 *       print("Commande servie à la suite :")
 *       yield from prepare("soda", 1)
 *       yield from prepare("burger", 3)
 *       yield from prepare("frites", 4)
 *       print("Servi en {} secondes".format(round(loop.time() - start)))
 *
 *   @asyncio.coroutine
 *   def concurrent(loop):
 *       start = loop.time()
 *       print("Commande servie en parallèle :")
 *       yield from asyncio.wait([loop.create_task(prepare("soda", 1)),
 *                                loop.create_task(prepare("burger", 3)),
 *                                loop.create_task(prepare("frites", 4))])
 *       print("Servi en {} secondes".format(round(loop.time() - start)))
 *
 * A unit of the loop's clock lasts 10 ms here: the whole program runs in
 * about 120 ms and prints the same durations as the Python, in units.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static coroutine const char *prepare(cy_loop *loop, const char *item, double delay)
{
    printf("Préparation : %s\n", item);
    await cy_sleep(loop, delay);
    printf("%s : prêt !\n", item);
    return item;
}

static coroutine void one_by_one(cy_loop *loop)
{
    double start = cy_loop_time(loop);
    printf("Commande servie à la suite :\n");
    await prepare(loop, "soda", 1);
    await prepare(loop, "burger", 3);
    await prepare(loop, "frites", 4);
    printf("Servi en %ld secondes\n", lround(cy_loop_time(loop) - start));
}

static coroutine void concurrent(cy_loop *loop)
{
    double start = cy_loop_time(loop);
    printf("Commande servie en parallèle :\n");
    cy_task *items[3] = {
        prepare(loop, "soda", 1),
        prepare(loop, "burger", 3),
        prepare(loop, "frites", 4),
    };
    defer { for (int i = 0; i < 3; i++) cy_task_free(items[i]); }
    for (int i = 0; i < 3; i++)
        if (!items[i] || cy_loop_launch(loop, items[i]))
            throw ENOMEM;
    await cy_wait(loop, items, 3, -1, CY_ALL_COMPLETED);
    printf("Servi en %ld secondes\n", lround(cy_loop_time(loop) - start));
}

/* With no argument the loop's clock is virtual (it jumps to the next
 * timer: exact times, no waiting, as the tests need); "fast_food SCALE"
 * runs on the real clock with a unit of SCALE seconds (1: the article's
 * seconds; 0.01: a hundred times faster). */
int main(int argc, char **argv)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    if (argc > 1)
        cy_loop_set_time_scale(&loop, atof(argv[1]));
    else
        cy_loop_set_virtual_time(&loop, 1);
    cy_task *a = one_by_one(&loop);
    cy_task *b = concurrent(&loop);
    int rc = a && b ? cy_loop_run_until_complete(&loop, a) : -ENOMEM;
    if (rc == 0)
        rc = cy_loop_run_until_complete(&loop, b);
    if (rc == 0 && (cy_task_status(a) != CY_FINISHED ||
                    cy_task_status(b) != CY_FINISHED))
        rc = -EIO;
    cy_task_free(a);
    cy_task_free(b);
    cy_loop_close(&loop);
    return rc ? 1 : 0;
}
