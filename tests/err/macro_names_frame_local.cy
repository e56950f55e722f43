#include <stdio.h>
static int count = 1000;
#define SHOW() printf("%d\n", count)

coroutine void f(void)
{
    int count = 21;
    yield;
    SHOW();
}
