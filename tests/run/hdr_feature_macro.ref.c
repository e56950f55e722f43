/* plain-C twin of hdr_feature_macro.cy: the coroutine is a function, and a
 * done task's step is -EINVAL */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int f(const char *s)
{
    return (int)(strchrnul(s, '/') - s);
}

int main(void)
{
    printf("%d %d\n", f("abc/def"), -EINVAL == -EINVAL);
    return 0;
}
