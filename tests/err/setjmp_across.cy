#include <setjmp.h>
coroutine void f(void)
{
    jmp_buf env;
    if (setjmp(env))
        return;
    yield;
    longjmp(env, 1);
}
