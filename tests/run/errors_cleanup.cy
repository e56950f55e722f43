/* throw, try/catch, errors propagating through await, defer on every exit */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

coroutine int parse_digit(char c)
{
    yield;
    if (c < '0' || c > '9')
        throw -EINVAL, "not a digit";
    return c - '0';
}

/* fails in turn: the error of the awaited coroutine is not handled */
coroutine int parse_number(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n = n * 10 + await parse_digit(*s);
    return n;
}

/* handles it */
coroutine int parse_or_default(const char *s, int dflt)
{
    int v = dflt;
    try {
        v = await parse_number(s);
    } catch (int err) {
        printf("  caught %d (%s)\n", err, err == -EINVAL ? "EINVAL" : "?");
    }
    return v;
}

coroutine int with_buffer(int fail)
{
    char *buf = malloc(16);
    if (!buf)
        throw ENOMEM;
    defer free(buf);
    defer printf("  cleanup runs, buffer held \"%s\"\n", buf);
    strcpy(buf, "hello");
    yield;
    if (fail)
        throw EIO;
    return (int)strlen(buf);
}

static void run(cy_task *t)
{
    while (cy_task_step(t) > 0)
        ;
    char repr[160];
    cy_task_repr(t, repr, sizeof repr);
    const char *msg = cy_task_message(t);
    printf("%s err=%d msg=%s\n", repr, cy_task_error(t), msg ? msg : "-");
    cy_task_free(t);
}

int main(void)
{
    run(parse_number("42"));
    run(parse_number("4x2"));
    run(parse_or_default("17", 0));
    run(parse_or_default("1?", -1));
    run(with_buffer(0));
    run(with_buffer(1));
    return 0;
}
