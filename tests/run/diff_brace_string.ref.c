/* plain-C twin of diff_brace_string.cy, as tests/difftest writes them */
#include <stdio.h>

static void Y(int v) { printf("y %d\n", v); }

static int c0(int a)
{
    char s2[] = {"hello"};
    Y(s2[4]);
    Y(s2[5]);
    return (a ^ (int)sizeof s2) % 3;
}

int main(void)
{
    printf("FINISHED %d\n", c0(1));
    return 0;
}
