/* Plain C: the same header declares the constructors. */
#include <stdio.h>
#include "net.h"

int plain_total(void)
{
    int total = 0;
    cy_task *t = count_to(4);
    while (cy_task_step(t) == 1)
        total += CY_YIELDED(t, int);
    cy_task_free(t);

    cy_task *a = add_slowly(20, 22);
    while (cy_task_step(a) == 1)
        ;
    total += CY_RESULT(a, int);
    cy_task_free(a);

    cy_task *avg = averager();
    cy_task_step(avg);
    CY_SEND(avg, double, 10.0);
    CY_SEND(avg, double, 20.0);
    CY_SEND(avg, double, -1.0);
    printf("average %.1f\n", CY_RESULT(avg, double));
    cy_task_free(avg);

    /* its last step suspends in add_slowly, which yields no value (a
     * bare yield): CY_YIELDED would abort there */
    cy_task *d = doubled(3);
    while (cy_task_step(d) == 1) {
        const int *v = cy_task_yielded(d);
        if (v)
            printf("doubled yields %d\n", *v);
    }
    printf("doubled returns %d\n", CY_RESULT(d, int));
    cy_task_free(d);
    return total;
}
