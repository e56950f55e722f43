/* plain-C twin of macro_statements.cy: yield prints, await is a call */
#include <stdio.h>
#include <string.h>

#define DECLARE_BUF(name, n) char name[n]; size_t name##_len = 0
#define DECLARE_PAIR(a, b) int a = 1, b = 2
#define PUT(buf, c) do { buf[buf##_len++] = (c); buf[buf##_len] = 0; } while (0)
#define YIELD_BOTH(a, b) do { Y(a); Y(b); } while (0)
#define TWICE(stmt) do { stmt; stmt; } while (0)
#define CHECK(c, code) do { if (!(c)) return (code); } while (0)
#define SWAP(a, b) do { int t_ = (a); (a) = (b); (b) = t_; } while (0)

static void Y(int v) { printf("y %d\n", v); }

static int next(int *n)
{
    return ++*n;
}

static int run(int limit)
{
    DECLARE_BUF(text, 16);
    DECLARE_PAIR(x, y);
    int calls = 0;
    PUT(text, 'a');
    YIELD_BOTH(x, y);
    PUT(text, 'b');
    SWAP(x, y);
    Y(x * 10 + y);
    TWICE(x += next(&calls));
    TWICE(Y(calls));
    printf("%s %zu %d %d\n", text, text_len, x, y);
    CHECK(x < limit, -x);
    return strlen(text) + 100;
}

int main(void)
{
    for (int limit = 2; limit < 10; limit += 7)
        printf("result %d\n", run(limit));
    return 0;
}
