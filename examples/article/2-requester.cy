/*
 * 2-requester.cy - part 2: a "system call": the coroutine yields a request
 * and is sent the answer.
 *
 *   >>> def requester():
 *   ...     data = yield 'REQUÊTE'
 *   ...     print('data:', repr(data))
 *   ...     return
 *   ...
 *   >>> coro = requester()
 *   >>> coro.send(None)  # On lance la coroutine
 *   'REQUÊTE'
 *   >>> coro.send('RÉPONSE')
 *   data: 'RÉPONSE'
 *
 * coroutine(const char *, const char *): it yields a string and receives
 * one.  After printing, requester returns: Python's second send raises
 * StopIteration there (the article's transcript leaves its traceback out,
 * and so does this program: cy_task_send just returns 0, done).
 */
#include <stdio.h>

static void print_repr(const char *s)
{
    char r[64];
    cy_value_repr(CY_KIND_STRING, sizeof s, &s, r, sizeof r);
    printf("%s\n", r);
}

static coroutine(const char *, const char *) void requester(void)
{
    const char *data = yield "REQUÊTE";
    printf("data: ");
    print_repr(data);
    return;
}

int main(void)
{
    cy_task *coro = requester();
    if (!coro)
        return 1;
    cy_task_send(coro, NULL, 0);                 /* coro.send(None) */
    print_repr(CY_YIELDED(coro, const char *));  /* the REPL's echo */
    int rc = CY_SEND(coro, const char *, "RÉPONSE"); /* 0: it returned */
    cy_task_free(coro);
    return rc == 0 ? 0 : 1;
}
