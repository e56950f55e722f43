#include <stdio.h>
/* brace elision is the point of the test */
#pragma GCC diagnostic ignored "-Wmissing-braces"

static void f(void)
{
    int m[][2] = {1, 2, 3, 4, 5};
    printf("rows=%zu", sizeof m / sizeof m[0]);
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        printf(" [%d %d]", m[i][0], m[i][1]);
    printf("\n");
}

int main(void)
{
    f();
    return 0;
}
