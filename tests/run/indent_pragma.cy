/* issue 9: #pragma lines indented with spaces or a tab inside a coroutine
 * body are copied where they stand (docs promise it); a loop annotation
 * before a loop that suspends becomes a comment: the resume label inside
 * the loop is a second way in, and gcc would warn that it ignores it
 * (GCC ivdep is gcc's only: clang does not know it) */
#include <stdio.h>

coroutine int f(void)
{
    int s = 0;
    #pragma GCC unroll 2
    for (int i = 0; i < 4; i++) {
        yield;
        s += i;
    }
	#pragma GCC unroll 3
#ifndef __clang__
    #pragma GCC ivdep
#endif
    for (int i = 0; i < 3; i++)
        s += 10;
    return s;
}

int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0)
        ;
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
