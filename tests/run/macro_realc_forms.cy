/* issue 10, found by make realc: a macro between string literals
 * (<inttypes.h>'s PRIu64, expat's XML_FMT_STR), a specifier macro that is
 * another one (libpng's PNGCBAPI is PNGCAPI, which is empty), and a
 * statement macro with its own ';' (libpng's PNG_UNUSED(x) (void)x;),
 * string macros side by side (Lua's LL(PRE RETS POS), "=" LUA_INIT_VAR
 * LUA_VERSUFFIX), statements and braces as arguments (Lua's
 * condmovestack(L,{},{})) */
#include <inttypes.h>
#include <stdio.h>

#define FMT_STR "s"
#define PNGCAPI
#define PNGCBAPI PNGCAPI
#define UNUSED(param) (void)param;
#define PRE "[string \""
#define RETS "..."
#define POS "\"]"
#define LL(x) (sizeof(x) / sizeof(char) - 1)
#define MAJOR "5"
#define SUFFIX "_" MAJOR
#define AROUND(pre, pos) { pre; pos; }

static coroutine void PNGCBAPI show(uint64_t big, const char *name, int spare)
{
    UNUSED(spare)
    yield;
    printf("%" PRIu64 " %" FMT_STR "\n", big, name);
    yield;
    printf("again %" PRIu64 "\n", big + 1);
    size_t n = LL(PRE RETS POS);
    const char *var = "=" "LUA_INIT" SUFFIX;
    yield;
    AROUND(n++; printf("pre %zu\n", n), printf("post %s\n", var));
    AROUND({}, {});
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
