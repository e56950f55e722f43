/* a defer at the end of a statement expression would change its value */
#include <stdio.h>
coroutine int f(int n)
{
    int v = ({ defer puts("in"); n + 1; });
    yield;
    return v;
}
