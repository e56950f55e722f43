/* typedefs from the file's own header, found through its directory */
#include <stdio.h>
#include "include/widgets.h"

static void show(const widget_t *w) { printf("widget %u %s\n", (unsigned)w->id, w->name); }

coroutine(count_t) count_t inventory(const widget_t *ws, count_t n, visit_fn visit)
{
    count_t total = 0;
    for (count_t i = 0; i < n; i++) {
        widget_t w = ws[i];
        visit(&w);
        total += (count_t)w.id;
        yield total;
    }
    return total;
}

int main(void)
{
    widget_t ws[] = { { 1, "gear" }, { 20, "spring" }, { 300, "lever" } };
    cy_task *t = inventory(ws, 3, show);
    while (cy_task_step(t) > 0)
        printf("running total %d\n", (int)CY_YIELDED(t, count_t));
    printf("total %d\n", (int)CY_RESULT(t, count_t));
    cy_task_free(t);
    return 0;
}
