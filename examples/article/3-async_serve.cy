/*
 * 3-async_serve.cy - part 3: the fast-food server, the three items at
 * once under wait(): twice as fast.
 *
 *   def async_serve():
 *       start = datetime.now()
 *       yield from wait([get_soda(), get_burger(), get_fries()])
 *       print("Client servi en", datetime.now() - start)
 *
 *   >>> event_loop.run_until_complete(async_serve())
 *
 * The article's run started burger, fries, soda: the order in which
 * Python's set of coroutines happened to iterate; here wait launches them
 * in list order, soda, burger, fries.  Timed: see main.
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

/* wait(tasks): runs the coroutines among tasks concurrently (through the
 * loop: CALL_SCHEDULE), then yields until every task is done or
 * cancelled; returns (finished, error).  A Python list mixing Tasks and
 * coroutines is an array of `awaitable`s here (TASK(t), CORO(c)), and a
 * set an array in insertion order (Python's own order is its hashes'),
 * of at most SET_MAX tasks. */
#define SET_MAX 8
typedef struct set {
    size_t n;
    Task *items[SET_MAX];
} set;

static void set_add(set *s, Task *task)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i] == task)
            return;
    if (s->n < SET_MAX)
        s->items[s->n++] = task;
}

static void set_remove(set *s, Task *task)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i] == task) {
            memmove(&s->items[i], &s->items[i + 1], (s->n - i - 1) * sizeof *s->items);
            s->n--;
            return;
        }
}

/* repr(set): {a, b}, or set() when empty */
static void set_repr(const set *s, char *buf, size_t size, size_t *len)
{
    if (!s->n) {
        put(buf, size, len, "set()");
        return;
    }
    for (size_t i = 0; i < s->n; i++) {
        char r[256];
        Task_repr(s->items[i], r, sizeof r);
        put(buf, size, len, i ? ", " : "{");
        put(buf, size, len, r);
    }
    put(buf, size, len, "}");
}

/* wait's result, the tuple (finished, error) */
typedef struct wait_result {
    object obj;
    set finished, error;
} wait_result;

static int wait_result_repr(const void *self, char *buf, size_t size)
{
    const wait_result *w = self;
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    put(buf, size, &len, "(");
    set_repr(&w->finished, buf, size, &len);
    put(buf, size, &len, ", ");
    set_repr(&w->error, buf, size, &len);
    put(buf, size, &len, ")");
    return (int)len;
}

/* an item of the list given to wait: a Task, or a coroutine to launch */
typedef struct awaitable {
    Task *task;
    cy_task *coro;
} awaitable;
#define TASK(t) ((awaitable){ (t), NULL })
#define CORO(c) ((awaitable){ NULL, (c) })

static coroutine(call, tuple) wait_result wait(const awaitable *tasks, size_t n)
{
    if (n > SET_MAX)
        throw E2BIG, "wait: more tasks than a set holds";
    /* first sort the running tasks from the others */
    set running = { 0 }, finished = { 0 }, error = { 0 };
    cy_task *to_launch[SET_MAX];
    size_t n_launch = 0;
    for (size_t i = 0; i < n; i++) {
        Task *task = tasks[i].task;
        if (task) {
            if (task->status == STATUS_FINISHED)
                set_add(&finished, task);
            else if (task->status == STATUS_ERROR || task->status == STATUS_CANCELLED)
                set_add(&error, task);
            else
                set_add(&running, task);
        } else {
            to_launch[n_launch++] = tasks[i].coro;
        }
    }

    /* launch the tasks that need to be launched */
    if (n_launch) {
        tuple launched = yield (call){ CALL_SCHEDULE, n_launch, to_launch };
        for (size_t i = 0; i < launched.n; i++)
            set_add(&running, launched.items[i]);
    }

    /* wait until everyone is done */
    while (running.n) {
        /* iterate on a copy of 'running', so that the loop may change it */
        set copy = running;
        for (size_t i = 0; i < copy.n; i++) {
            Task *task = copy.items[i];
            if (!(Task_is_done(task) || Task_is_cancelled(task)))
                continue;
            set_remove(&running, task);
            if (task->status == STATUS_FINISHED)
                set_add(&finished, task);
            else
                set_add(&error, task);
        }
        /* tasks still running: suspend the coroutine */
        if (running.n)
            yield;
    }

    return (wait_result){ { wait_result_repr }, finished, error };
}

static coroutine void async_serve(void)
{
    datetime start = datetime_now();
    awaitable items[3] = { CORO(get_soda()), CORO(get_burger()), CORO(get_fries()) };
    await wait(items, 3);
    char d[32];
    printf("Client servi en %s\n", timedelta_str(datetime_now() - start, d));
}

/* No argument: the virtual clock (each step of the loop lasts 1 ms; the
 * tests); "3-async_serve SCALE": the real clock, a second lasting SCALE seconds
 * (1: the article's seconds, busy-waiting as its async_sleep does). */
int main(int argc, char **argv)
{
    if (clock_setup(argc, argv))
        return 2;
    Loop event_loop;
    Loop_init(&event_loop);
    int rc = Loop_run_until_complete(&event_loop, async_serve());
    Loop_close(&event_loop);
    return rc ? 1 : 0;
}
