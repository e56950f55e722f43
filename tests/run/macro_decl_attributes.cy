/* issue 10: macros that stand for storage classes, attributes or nothing
 * in coroutine declarations and in their bodies (zlib's local, expat's
 * XMLCALL, libyaml's YAML_DECLARE(type)) */
#include <stdio.h>

#define local static
#define XMLCALL
#define API_UNUSED __attribute__((unused))
#define DECLARE(type) type

API_UNUSED local coroutine int XMLCALL g(int v);

local coroutine int XMLCALL g(int v)
{
    local int calls = 0;
    calls++;
    yield;
    return v + calls;
}

coroutine DECLARE(int) h(DECLARE(int) v)
{
    API_UNUSED int spare = 3;
    int r = await g(v);
    yield;
    r += await g(r);
    return r;
}

int main(void)
{
    cy_task *t = h(10);
    while (cy_task_step(t) > 0)
        ;
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
