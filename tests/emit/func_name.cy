#include <stdio.h>
/* __func__ names the coroutine, not its resume function */
coroutine void named(void)
{
    yield;
    puts(__func__);
}
