#include <stdio.h>

static void f(void)
{
    char s[] = {"abc"};
    printf("sizeof s=%zu s=%s\n", sizeof s, s);
}

int main(void)
{
    f();
    return 0;
}
