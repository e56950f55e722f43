/* plain-C twin of indent_define_inside.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

static int f(void)
{
    int s = 1;
  #define TWICE(v) ((v) * 2)
    ;
    s = TWICE(s + 4);
  #undef TWICE
    return s;
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
