/* a deferred statement is copied to each way out of its block */
#include <stdio.h>
void f(int n)
{
    defer { static int times; printf("%d\n", ++times); }
    if (n)
        return;
    puts("n is 0");
}
