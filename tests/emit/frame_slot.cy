#include <stdio.h>
/* the header's error word (issue 12): which local takes it, and which
 * stay out of it */
static void keep(int *p) { (void)p; }

/* n's address is taken, m is a call's argument (maybe a macro's), s is
 * named in a statement expression, a is an array, d a double: k takes it */
coroutine int kept(int n, int m, long w)
{
    int s = 1, a[2] = { 0, 1 };
    double d = (double)w;
    keep(&n);
    printf("%d\n", m);
    yield;
    int k = ({ s + 1; });
    yield;
    return k + n + a[1] + (int)d;
}

/* a defer may read any local after a failure: nothing takes it */
coroutine int deferred(int n)
{
    defer n = 0;
    yield;
    return n;
}
