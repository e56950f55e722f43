/* a local declared _Alignas(64) kept in the frame: the frame is allocated
 * with that alignment */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

coroutine(int) void al(void)
{
    _Alignas(64) char line[64];
    line[0] = 1;
    yield (int)((uintptr_t)line % 64);
    yield line[0];
}

int main(void)
{
    void *junk[8];
    for (int i = 0; i < 8; i++) {
        junk[i] = malloc(24 + i * 16);
        cy_task *t = al();
        while (cy_task_step(t) > 0)
            printf("%d ", CY_YIELDED(t, int));
        cy_task_free(t);
    }
    printf("\n");
    for (int i = 0; i < 8; i++) free(junk[i]);
    return 0;
}
