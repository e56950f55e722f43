/*
 * averager.cy - a coroutine that receives numbers with send() and yields
 * the running average (Fluent Python's averager).
 *
 *   def averager():
 *       total = 0.0
 *       count = 0
 *       average = None
 *       while True:
 *           term = yield average
 *           total += term
 *           count += 1
 *           average = total / count
 *
 *   avg = averager()
 *   next(avg)
 *   print(avg.send(10))
 *   print(avg.send(30))
 *   print(avg.send(5))
 *
 * The values are printed with Python's float repr (cy_value_repr).
 */
#include <stdio.h>

static coroutine(double, double) void averager(void)
{
    double total = 0.0;
    long count = 0;
    double average = 0.0;
    for (;;) {
        double term = yield average;
        total += term;
        count++;
        average = total / (double)count;
    }
}

static void print_yielded(const cy_task *t)
{
    char buf[32];
    cy_value_repr(CY_KIND_FLOAT, sizeof(double), cy_task_yielded(t), buf,
                  sizeof buf);
    printf("%s\n", buf);
}

int main(void)
{
    cy_task *avg = averager();
    if (!avg)
        return 1;
    cy_task_step(avg); /* next(avg) */
    static const double terms[] = { 10, 30, 5 };
    for (int i = 0; i < 3; i++) {
        CY_SEND(avg, double, terms[i]);
        print_yielded(avg);
    }
    cy_task_free(avg);
    return 0;
}
