#include <stdio.h>
coroutine void f(void)
{
    printf("oops);
    yield;
}
