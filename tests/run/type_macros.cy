/* Object-like macros that stand for types or keywords: <stdbool.h>'s bool,
 * <stdalign.h>'s alignas, a program's own #define u32 unsigned int. coroc
 * does not expand macros; it learns these from the #define lines. */
#include <stdio.h>
#include <stdbool.h>
#include <stdalign.h>
#include <stdint.h>

#define u32 unsigned int
#define byte_ptr uint8_t *

coroutine(bool, bool) bool toggler(bool start)
{
    bool state = start;
    for (;;) {
        bool flip = yield state;
        if (flip)
            state = !state;
        if (!state && !flip)
            return false;
    }
}

coroutine(u32) u32 counter(u32 n)
{
    alignas(16) u32 total = 0;
    byte_ptr none = NULL;
    for (u32 i = 0; i < n; i++) {
        total += i;
        yield total;
    }
    return total + (none == NULL);
}

int main(void)
{
    cy_task *t = toggler(true);
    cy_task_step(t);                         /* to the first yield */
    printf("%d", CY_YIELDED(t, bool));
    bool flips[] = { true, false, true, false };
    for (int i = 0; i < 4 && !cy_task_done(t); i++) {
        CY_SEND(t, bool, flips[i]);
        if (!cy_task_done(t))
            printf(" %d", CY_YIELDED(t, bool));
    }
    printf(" | %s %d\n", cy_status_name(cy_task_status(t)), CY_RESULT(t, bool));
    cy_task_free(t);

    cy_task *c = counter(4);
    while (cy_task_step(c) > 0)
        printf("%u ", CY_YIELDED(c, u32));
    printf("| %u\n", CY_RESULT(c, u32));
    cy_task_free(c);
    return 0;
}
