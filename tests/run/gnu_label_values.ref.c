/* plain-C twin of gnu_label_values.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    static void *const targets[] = { &&one, &&two, &&done };
    int r = 0, k = 0;
    void *next = targets[0];
    goto *next;
one:
    r = r * 10 + 1;
    ;
    next = targets[++k];
    goto *next;
two:
    r = r * 10 + 2;
    ;
    next = targets[++k];
    goto *next;
done:
    return r;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
