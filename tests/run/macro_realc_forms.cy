/* issue 10, found by make realc: a macro between string literals
 * (<inttypes.h>'s PRIu64, expat's XML_FMT_STR), a specifier macro that is
 * another one (libpng's PNGCBAPI is PNGCAPI, which is empty), and a
 * statement macro with its own ';' (libpng's PNG_UNUSED(x) (void)x;) */
#include <inttypes.h>
#include <stdio.h>

#define FMT_STR "s"
#define PNGCAPI
#define PNGCBAPI PNGCAPI
#define UNUSED(param) (void)param;

static coroutine void PNGCBAPI show(uint64_t big, const char *name, int spare)
{
    UNUSED(spare)
    yield;
    printf("%" PRIu64 " %" FMT_STR "\n", big, name);
    yield;
    printf("again %" PRIu64 "\n", big + 1);
}

int main(void)
{
    cy_task *t = show(UINT64_C(12345678901), "name", 0);
    int steps = 0;
    while (cy_task_step(t) > 0)
        steps++;
    printf("steps %d\n", steps);
    cy_task_free(t);
    return 0;
}
