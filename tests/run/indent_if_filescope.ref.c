/* plain-C twin of indent_if_filescope.cy: the coroutine is a function, yield is gone */
#include <stdio.h>

  #if 1
    #if 0
      #define K 100
    #else
      #define K 7
    #endif
  #endif

static int g(void)
{
    ;
    return K;
}

	#ifdef K
static int h(void) { return 3; }
	#endif

static int f(void)
{
    ;
    return h() + K * 2 + g();
}

int main(void)
{
    printf("result %d\n", f());
    return 0;
}
