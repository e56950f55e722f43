#include <errno.h>
/* throw ends the coroutine with an error code and a message */
coroutine int check(int v)
{
    if (v < 0)
        throw EINVAL, "negative";
    yield;
    return v;
}
