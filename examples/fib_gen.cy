/*
 * fib_gen.cy - Python's classic generator: Fibonacci numbers, forever.
 *
 *   def fib():
 *       a, b = 0, 1
 *       while True:
 *           yield a
 *           a, b = b, a + b
 *
 *   for x in itertools.islice(fib(), 10):
 *       print(x)
 *
 * The driver steps the task and reads each yielded value; freeing the
 * task, which never ends, cancels it (Python's generator.close()).
 */
#include <stdio.h>

static coroutine(long) void fib(void)
{
    long a = 0, b = 1;
    for (;;) {
        yield a;
        long next = a + b;
        a = b;
        b = next;
    }
}

int main(void)
{
    cy_task *f = fib();
    if (!f)
        return 1;
    for (int i = 0; i < 10 && cy_task_step(f) == 1; i++)
        printf("%ld\n", CY_YIELDED(f, long));
    cy_task_free(f);
    return 0;
}
