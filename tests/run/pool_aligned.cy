/* frames with an over-aligned local, from a pool: each is aligned too */
#include <stdio.h>
#include <stdint.h>
coroutine int a64(void) { _Alignas(64) char buf[64]; buf[0] = 1; yield; return buf[0]; }
int main(void)
{
    cy_pool pool;
    cy_pool_init(&pool, sizeof(struct a64__frame));
    int bad = 0;
    cy_task *ts[4];
    for (int i = 0; i < 4; i++) { ts[i] = a64__in(&pool); if ((uintptr_t)ts[i] % 64) bad++; }
    printf("misaligned: %d of 4\n", bad);
    for (int i = 0; i < 4; i++) cy_pool_free(&pool, ts[i]);
    cy_pool_destroy(&pool);
    return 0;
}
