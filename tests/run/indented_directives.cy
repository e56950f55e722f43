/* Directives indented with spaces or tabs, anywhere: copied where they
 * stand, inside coroutines too. */
  #include <stdio.h>
    #define TWO 2

coroutine int f(void)
{
    int x = TWO;
        #pragma GCC diagnostic push
    yield;
	#pragma GCC diagnostic pop
      #define THREE 3
    return x + THREE;
}

    #if 1
int main(void)
{
    cy_task *t = f();
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
    #endif
