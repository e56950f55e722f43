/*
 * 3-wait_sub.cy - part 3: waiting for a task launched earlier with the
 * article's wait().
 *
 *   print("En attente de la fin de 'subtask'")
 *   yield from wait([sub])
 *   print("Ça y est, je peux quitter")
 *
 *   >>> event_loop.run_until_complete(example())
 *
 * [sub] is an array of one awaitable, TASK(sub): a Task already running,
 * which wait polls until it is done.
 */
#include <stdio.h>
#include "article.h"

static coroutine(call, tuple) Task *ensure_future(cy_task *task)
{
    cy_task *args[1] = { task };
    tuple launched = yield (call){ CALL_SCHEDULE, 1, args };
    return launched.items[0];
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
    awaitable tasks[1] = { TASK(sub) };
    await wait(tasks, 1);
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
