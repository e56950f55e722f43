/*
 * grep_pipeline.cy - coroutines as consumers (David Beazley's pipeline):
 * grep receives lines with send() and passes the matching ones on to
 * printer, which prints them.  Closing grep runs its cleanup.
 *
 *   def printer():
 *       while True:
 *           line = (yield)
 *           print(line)
 *
 *   def grep(pattern, target):
 *       print("Looking for %s" % pattern)
 *       try:
 *           while True:
 *               line = (yield)
 *               if pattern in line:
 *                   target.send(line)
 *       except GeneratorExit:
 *           print("Going away.  Goodbye")
 *
 *   p = printer(); next(p)
 *   g = grep("python", p); next(g)
 *   for line in lines:
 *       g.send(line)
 *   g.close()
 */
#include <stdio.h>
#include <string.h>

static coroutine(void, const char *) void printer(void)
{
    for (;;) {
        const char *line = yield;
        printf("%s\n", line);
    }
}

static coroutine(void, const char *) void grep(const char *pattern, cy_task *target)
{
    printf("Looking for %s\n", pattern);
    defer printf("Going away.  Goodbye\n");
    for (;;) {
        const char *line = yield;
        if (strstr(line, pattern))
            CY_SEND(target, const char *, line);
    }
}

int main(void)
{
    static const char *const lines[] = {
        "Yeah, but no, but yeah, but no",
        "A series of tubes",
        "python generators rock!",
        "Don't look now, it's python again",
        "Nothing to see here",
    };
    cy_task *p = printer();
    cy_task *g = p ? grep("python", p) : NULL;
    if (!g) {
        cy_task_free(p);
        return 1;
    }
    cy_task_step(p); /* next(p): run to the first yield */
    cy_task_step(g);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        CY_SEND(g, const char *, lines[i]);
    cy_task_free(g); /* g.close() */
    cy_task_free(p);
    return 0;
}
