#include <stdio.h>

static void f(void)
{
    int d[] = {[5] = 1, [2] = 7};
    printf("n=%zu", sizeof d / sizeof d[0]);
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        printf(" %d", d[i]);
    printf("\n");
}

int main(void)
{
    f();
    return 0;
}
