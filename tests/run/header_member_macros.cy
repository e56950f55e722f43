/* Macros named like the members of the frame header (state, flags, desc,
 * status, link, err): the generated code, which comes after them, names the
 * header's members by their cy_ names, so that none of them reaches it. */
#include <stdio.h>
#define state (machine.st)
#define flags (machine.fl)
#define desc "a description"
#define status (machine.st + 1)
#define link (machine.fl - 1)
#define err (machine.errors++)
static struct { int st, fl, errors; } machine = { 3, 5, 0 };

coroutine(int) void gen(int n)
{
    for (int i = 0; i < n; i++) {
        if (i % 2)
            yield;           /* a bare yield: the descriptor switches */
        else
            yield i * state;
    }
}

coroutine int sum(int n)
{
    int total = 0;
    cy_task *g = gen(n);
    while (cy_task_step(g) > 0)
        if (cy_task_yielded(g))
            total += *(const int *)cy_task_yielded(g);
    cy_task_free(g);
    yield;
    try {
        await gen(0);
    } catch (int e) {
        total = -1;
    }
    return total + flags;
}

int main(void)
{
    cy_task *t = sum(6);
    while (cy_task_step(t) > 0)
        ;
    printf("%d %s %d %d %d\n", CY_RESULT(t, int), desc, status, link, err);
    printf("errors counted %d\n", machine.errors);
    cy_task_free(t);
    return 0;
}
