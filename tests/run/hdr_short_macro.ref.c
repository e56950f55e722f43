#define n 14
#define len 3
#define c 'x'
#include <stdio.h>

static int f(void) { return n + len; }

int main(void)
{
    printf("%d %c\n", f(), c);
    return 0;
}
