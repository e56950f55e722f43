/* adversarial: an enum and statics in the body, const/volatile locals,
 * strings and chars that look like code, comments and #define/#undef/#pragma
 * inside the body, a yield split over lines */
#include <stdio.h>
#include <string.h>
#define TWICE(v) ((v) * 2)

coroutine(const char *) int misc(void)
{
    enum color { RED = 3, GREEN, BLUE = RED * 10 };   /* enum in the body */
    static int counter = 100;
    const int k = 5;
    volatile int v = 7;
    const char *s = "yield \"await\" /* not a comment */ // nor this";
    char c = '\'', d = '"', e = '\\', q = '\x41';
    char arr[] = "a\0b";
    // a line comment mentioning yield; and await f();
    /* a block comment: coroutine(int) void f(void) { yield 1; } */
#define LOCAL_MACRO(x, y) ((x) + (y))
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
    int unused_but_ignored;
#pragma GCC diagnostic pop
    counter++;
    yield s;
    yield "yield;";
    int col = GREEN;
    yield col == 4 ? "green" : "?";
    int total = LOCAL_MACRO(TWICE(k), k) + v + BLUE + (int)sizeof arr;
#undef LOCAL_MACRO
    yield arr[2] == 'b' && arr[1] == 0 ? "arr ok" : "arr bad";
    char buf[64];
    snprintf(buf, sizeof buf, "%c%c%c%c %d %d", c, d, e, q, total, counter);
    yield buf;
    yield 
        "split"
        " across"
        " lines";
    return total;
}

int main(void)
{
    for (int round = 0; round < 2; round++) {
        cy_task *t = misc();
        while (cy_task_step(t) > 0)
            printf("[%s] ", CY_YIELDED(t, const char *));
        printf("| %d\n", CY_RESULT(t, int));
        cy_task_free(t);
    }
    return 0;
}
