/*
 * 2-sender.cy - part 2: a coroutine sends data with `yield value`.
 *
 *   >>> def sender():
 *   ...     while True:
 *   ...        yield "spam"
 *   ...        yield "eggs"
 *   ...        yield "bacon"
 *   ...
 *   >>> coro = sender()
 *   >>> coro.send(None)  # Équivalent à next(coro)
 *   'spam'
 *
 * coro.send(None) is cy_task_send(coro, NULL, 0); the REPL echoes the
 * value sent out with repr(), which cy_value_repr writes.
 */
#include <stdio.h>

static coroutine(const char *) void sender(void)
{
    for (;;) {
        yield "spam";
        yield "eggs";
        yield "bacon";
    }
}

/* what the REPL prints for the value of coro.send(None) */
static void echo(const cy_task *coro)
{
    const char *v = CY_YIELDED(coro, const char *);
    char r[64];
    cy_value_repr(CY_KIND_STRING, sizeof v, &v, r, sizeof r);
    printf("%s\n", r);
}

int main(void)
{
    cy_task *coro = sender();
    if (!coro)
        return 1;
    for (int i = 0; i < 3; i++) {
        cy_task_send(coro, NULL, 0); /* coro.send(None) */
        echo(coro);
    }
    cy_task_free(coro);
    return 0;
}
