/* Issue 9: cy_desc kept result, yield and receive sizes in 16 bits, so a
 * 65 536-byte result was recorded as 0 (CY_RESULT then read NULL) and a
 * 70 000-byte receive type as 4 464 (a send of the right size refused). */
#include <stdio.h>

struct page { unsigned char bytes[65536]; };
struct blob { unsigned char bytes[70000]; };

coroutine(int, struct blob) struct page fill(int k)
{
    struct page p = { { 0 } };
    struct blob b = yield k;
    p.bytes[0] = (unsigned char)k;
    p.bytes[65535] = b.bytes[69999];
    return p;
}

static struct blob sent;

int main(void)
{
    cy_task *t = fill(7);
    if (!t)
        return 1;
    printf("step %d\n", cy_task_step(t));
    printf("yielded %d\n", CY_YIELDED(t, int));
    sent.bytes[69999] = 42;
    printf("send %d\n", cy_task_send(t, &sent, sizeof sent));
    printf("status %s\n", cy_status_name(cy_task_status(t)));
    const struct page *p = cy_task_result(t);
    printf("result %s\n", p ? "present" : "missing");
    if (p)
        printf("bytes %d %d\n", p->bytes[0], p->bytes[65535]);
    cy_task_free(t);
    return 0;
}
