#include <stdio.h>
#define REPEAT(i, n) for (int i = 0; i < (n); i++)

coroutine(int) int f(void)
{
    REPEAT(k,
#define TWO 2
           TWO) {
        yield k;
    }
    return 0;
}
