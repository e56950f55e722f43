/* C2y defer TS: the switch's jump to a case label may not go past a defer */
#include <stdio.h>
coroutine void f(int n)
{
    switch (n) {
    case 0:
        defer puts("zero");
        yield;
    case 1:
        break;
    }
}
