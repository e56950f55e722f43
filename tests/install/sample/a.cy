/* a.cy - a generator over a range, stepped by hand. */
#include "shared.h"

coroutine(int) void values(range r)
{
    for (int i = 0; i < r.count; i++)
        yield r.first + i * r.step;
}

long sum_range(range r)
{
    cy_task *t = values(r);
    if (!t)
        return -1;
    long sum = 0;
    while (cy_task_step(t) == 1)
        sum += CY_YIELDED(t, int);
    cy_task_free(t);
    return sum;
}
