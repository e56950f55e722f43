/* a computed goto could leave or enter any defer's scope */
#include <stdio.h>
coroutine void f(int n)
{
    void *p = n ? &&a : &&b;
    defer puts("bye");
    goto *p;
a:
    yield;
b:
    ;
}
