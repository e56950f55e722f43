#include <errno.h>
int check(int v)
{
    if (v < 0)
        throw -EINVAL;
    return v;
}
