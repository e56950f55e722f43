/* main.c - the sample project's plain C part. */
#include <stdio.h>

#include "shared.h"

int main(void)
{
    range r = { 1, 2, 5 };
    printf("sum %ld\n", sum_range(r));
    printf("time %g\n", race(r));
    return 0;
}
