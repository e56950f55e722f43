/* issue 9: indented, nested #if/#else/#endif at file scope between coroutines */
#include <stdio.h>

  #if 1
    #if 0
      #define K 100
    #else
      #define K 7
    #endif
  #endif

coroutine int g(void)
{
    yield;
    return K;
}

	#ifdef K
static int h(void) { return 3; }
	#endif

coroutine int f(void)
{
    yield;
    return h() + K * 2 + await g();
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
