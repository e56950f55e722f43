/* plain-C twin of gnu_asm_operands.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    int in = 20, out = 0;
    ;
    __asm__ volatile ("" : "=r"(out) : "0"(in + 1));
    ;
    __asm__ ("" : "+r"(in));
    return out * 100 + in;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
