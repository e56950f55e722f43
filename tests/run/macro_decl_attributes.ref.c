/* plain-C twin of macro_decl_attributes.cy: is a call */
#include <stdio.h>

#define local static
#define XMLCALL
#define API_UNUSED __attribute__((unused))
#define DECLARE(type) type

API_UNUSED local int XMLCALL g(int v);

local int XMLCALL g(int v)
{
    local int calls = 0;
    calls++;
    return v + calls;
}

static DECLARE(int) h(DECLARE(int) v)
{
    API_UNUSED int spare = 3;
    int r = g(v);
    r += g(r);
    return r;
}

int main(void)
{
    printf("result %d\n", h(10));
    return 0;
}
