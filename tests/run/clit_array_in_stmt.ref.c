/* plain-C twin of clit_array_in_stmt.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    int s = 0;
    for (int i = 0; i < 3; i++) {
        s = s * 10 + ((int[]){4, 5, 6})[i];
        ;
    }
    return s;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
