/* issue 10: statement macros (do { ... } while (0)) holding a yield, a
 * return or an argument that awaits, and macros that expand to
 * declarations of locals kept in the frame */
#include <stdio.h>
#include <string.h>

#define DECLARE_BUF(name, n) char name[n]; size_t name##_len = 0
#define DECLARE_PAIR(a, b) int a = 1, b = 2
#define PUT(buf, c) do { buf[buf##_len++] = (c); buf[buf##_len] = 0; } while (0)
#define YIELD_BOTH(a, b) do { yield (a); yield (b); } while (0)
#define TWICE(stmt) do { stmt; stmt; } while (0)
#define CHECK(c, code) do { if (!(c)) return (code); } while (0)
#define SWAP(a, b) do { int t_ = (a); (a) = (b); (b) = t_; } while (0)

coroutine int next(int *n)
{
    yield;
    return ++*n;
}

coroutine(int) int run(int limit)
{
    DECLARE_BUF(text, 16);
    DECLARE_PAIR(x, y);
    int calls = 0;
    PUT(text, 'a');
    YIELD_BOTH(x, y);
    PUT(text, 'b');
    SWAP(x, y);
    yield x * 10 + y;
    TWICE(x += await next(&calls));
    TWICE(yield calls);
    printf("%s %zu %d %d\n", text, text_len, x, y);
    CHECK(x < limit, -x);
    return strlen(text) + 100;
}

int main(void)
{
    for (int limit = 2; limit < 10; limit += 7) {
        cy_task *t = run(limit);
        while (cy_task_step(t) > 0) {
            const int *v = cy_task_yielded(t);
            if (v)
                printf("y %d\n", *v);
        }
        printf("result %d\n", CY_RESULT(t, int));
        cy_task_free(t);
    }
    return 0;
}
