#include <stdio.h>

coroutine const char *tic_tac(void)
{
    printf("Tic\n");
    yield;
    printf("Tac\n");
    yield;
    return "Boum!";
}
