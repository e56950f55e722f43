/* issue 10: a function-like macro named like a frame local, and # and ##
 * on frame locals: the spelling is the local's name as written, and the
 * pasted name is the local */
#include <stdio.h>

#define x(y) ((y) * 10)
#define NAME(v) #v
#define SHOW(v) printf("%s = %d\n", #v, v)
#define CAT(a, b) a##b
#define GET(n) v##n
#define STR(s) #s
#define XSTR(s) STR(s)
#define LIMIT 3

coroutine(int) int f(int v1)
{
    int x = 4, v2 = 7;
    yield x;
    printf("%d %d\n", x, x(x));
    SHOW(x);
    SHOW(v2 + x);
    printf("%s %s\n", NAME(v1), XSTR(x + LIMIT));
    yield CAT(v, 2);
    GET(1) += GET(2);
    yield GET(1);
    return x(GET(2)) + x;
}

int main(void)
{
    cy_task *t = f(5);
    while (cy_task_step(t) > 0)
        printf("y %d\n", CY_YIELDED(t, int));
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
