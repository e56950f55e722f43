/* plain-C twin of macro_realc_forms.cy: yield counts a step */
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

static int steps;

static void PNGCBAPI show(uint64_t big, const char *name, int spare)
{
    UNUSED(spare)
    steps++;
    printf("%" PRIu64 " %" FMT_STR "\n", big, name);
    steps++;
    printf("again %" PRIu64 "\n", big + 1);
    size_t n = LL(PRE RETS POS);
    const char *var = "=" "LUA_INIT" SUFFIX;
    steps++;
    AROUND(n++; printf("pre %zu\n", n), printf("post %s\n", var));
    AROUND({}, {});
}

int main(void)
{
    show(UINT64_C(12345678901), "name", 0);
    printf("steps %d\n", steps);
    return 0;
}
