/* b.cy - coroutines that sleep on a loop, awaited by another. */
#include "shared.h"

coroutine int nap(cy_loop *loop, range r)
{
    for (int i = 0; i < r.count; i++)
        await cy_sleep(loop, r.step);
    return r.first;
}

coroutine int both(cy_loop *loop, range r)
{
    range other = { r.first + 1, r.step * 2, r.count };
    int x = await nap(loop, r);
    int y = await nap(loop, other);
    return x + y;
}

double race(range r)
{
    cy_loop loop;
    if (cy_loop_init(&loop) || cy_loop_set_virtual_time(&loop, 1))
        return -1;
    cy_task *t = both(&loop, r);
    double when = -1;
    if (t && cy_loop_run_until_complete(&loop, t) == 0 &&
        cy_task_status(t) == CY_FINISHED && CY_RESULT(t, int) == 2 * r.first + 1)
        when = cy_loop_time(&loop);
    cy_task_free(t);
    cy_loop_close(&loop);
    return when;
}
