/* the twin: each send is one iteration; the coroutine's return after the
 * second receive makes the second send return 0 (done) */
#include <stdio.h>
#include <string.h>

struct msg { unsigned char b[70000]; };
static struct msg m;

int main(void)
{
    unsigned total = 0;
    printf("first step %d\n", 1);
    for (int k = 0; k < 2; k++) {
        memset(m.b, k + 1, sizeof m.b);
        m.b[69999] = 100;
        struct msg in = m;
        total += in.b[0] + in.b[69999] + in.b[4463] + in.b[4464];
        printf("send %d -> %d\n", k, k < 1 ? 1 : 0);
    }
    printf("result %u\n", total);
    return 0;
}
