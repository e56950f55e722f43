#include <stdio.h>
/* brace elision is the point of the test */
#pragma GCC diagnostic ignored "-Wmissing-braces"

struct P { int a, b; };

static void f(void)
{
    struct P ps[] = {1, 2, 3, 4};
    printf("n=%zu", sizeof ps / sizeof ps[0]);
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        printf(" {%d,%d}", ps[i].a, ps[i].b);
    printf("\n");
}

int main(void)
{
    f();
    return 0;
}
