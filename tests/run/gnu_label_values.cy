/* issue 9: labels as values (&&label, goto *p) across suspensions */
#include <stdio.h>

coroutine int f(void)
{
    static void *const targets[] = { &&one, &&two, &&done };
    int r = 0, k = 0;
    void *next = targets[0];
    goto *next;
one:
    r = r * 10 + 1;
    yield;
    next = targets[++k];
    goto *next;
two:
    r = r * 10 + 2;
    yield;
    next = targets[++k];
    goto *next;
done:
    return r;
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
