/*
 * 2-receiver.cy - part 2: sending data to a coroutine where it suspends.
 *
 *   >>> def receiver():
 *   ...     while True:
 *   ...         data = yield
 *   ...         print('received:', repr(data))
 *   ...
 *   >>> coro = receiver()
 *   >>> next(coro)  # La coroutine doit être démarrée pour recevoir des données
 *   >>> coro.send("spam")
 *   received: 'spam'
 *
 * coroutine(void, const char *): it yields nothing and receives strings.
 * next(coro) is cy_task_step (the REPL prints nothing: it returned None),
 * coro.send(v) is CY_SEND.  The generator never ends: freeing it closes
 * it, as Python's garbage collector would.
 */
#include <stdio.h>

static coroutine(void, const char *) void receiver(void)
{
    for (;;) {
        const char *data = yield;
        char r[64];
        cy_value_repr(CY_KIND_STRING, sizeof data, &data, r, sizeof r);
        printf("received: %s\n", r);
    }
}

int main(void)
{
    cy_task *coro = receiver();
    if (!coro)
        return 1;
    cy_task_step(coro); /* next(coro): runs to the first yield */
    CY_SEND(coro, const char *, "spam");
    CY_SEND(coro, const char *, "eggs");
    CY_SEND(coro, const char *, "bacon");
    cy_task_free(coro);
    return 0;
}
