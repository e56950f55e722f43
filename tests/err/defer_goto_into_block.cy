/* C2y defer TS: nor into a block, past a defer of that block */
#include <stdio.h>
void g(int n)
{
    goto inside;
    {
        defer puts("registered");
    inside:
        printf("%d\n", n);
    }
}
coroutine void f(void) { yield; }
