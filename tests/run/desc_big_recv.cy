/* issue 9: a 70 000-byte receive type must be recorded whole in cy_desc
 * (it was 4 464: sends were refused or truncated) */
#include <stdio.h>
#include <string.h>

struct msg { unsigned char b[70000]; };
static struct msg m;

coroutine(void, struct msg) unsigned f(void)
{
    unsigned total = 0;
    for (int k = 0; k < 2; k++) {
        struct msg in = yield;
        total += in.b[0] + in.b[69999] + in.b[4463] + in.b[4464];
    }
    return total;
}

int main(void)
{
    cy_task *t = f();
    int rc = cy_task_step(t);
    printf("first step %d\n", rc);
    for (int k = 0; k < 2; k++) {
        memset(m.b, k + 1, sizeof m.b);
        m.b[69999] = 100;
        rc = cy_task_send(t, &m, sizeof m);
        printf("send %d -> %d\n", k, rc);
    }
    if (cy_task_status(t) == CY_FINISHED)
        printf("result %u\n", CY_RESULT(t, unsigned));
    else
        printf("status %s\n", cy_status_name(cy_task_status(t)));
    cy_task_free(t);
    return 0;
}
