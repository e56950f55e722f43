/* adversarial: coroutines awaiting each other before and after their
 * definition, mutual recursion through a static prototype, yield/receive
 * types char, _Bool, unsigned long long, double, pointers, typedef struct */
#include <stdio.h>
#include <string.h>

typedef struct { int a; double b; char tag[4]; } rec;

static coroutine int is_odd(unsigned n);        /* prototype, static */
coroutine(rec) rec later(int x);                 /* defined after its user */

coroutine int is_even(unsigned n)                /* mutual recursion */
{
    if (n == 0) return 1;
    return await is_odd(n - 1);
}

static coroutine int is_odd(unsigned n)
{
    if (n == 0) return 0;
    return await is_even(n - 1);
}

coroutine(char) char chars(const char *s)
{
    while (*s) yield *s++;
    return '!';
}

coroutine(unsigned long long, double) double mixed(void)
{
    unsigned long long big = 0xFFFFFFFFFFFFFFFFULL;
    double acc = 0;
    acc += yield big;
    acc += yield big - 1;
    char c = await chars("xy");                  /* earlier: embedded */
    rec r = await later(3);                      /* later: allocated */
    return acc + c + r.a + r.b + r.tag[0];
}

coroutine(rec) rec later(int x)
{
    rec r = { x, x / 2.0, "Q" };
    yield r;
    r.a *= await is_even(10) + await is_odd(7);
    return r;
}

coroutine(_Bool) void bools(void) { yield 5; yield 0; yield (_Bool)2; }
coroutine(int *) int *ptrs(int *p) { yield p; yield p + 1; return p + 2; }

int main(void)
{
    double v = 1.5;
    cy_task *t = mixed();
    int r = cy_task_step(t);
    while (r > 0) {
        const char *who = cy_task_name(t->link);    /* the innermost frame */
        const void *y = cy_task_yielded(t);
        if (strcmp(who, "mixed") == 0) {
            printf("%llu ", *(const unsigned long long *)y);
            r = CY_SEND(t, double, v);
            v *= 2;
            continue;
        }
        if (strcmp(who, "chars") == 0)
            printf("'%c' ", *(const char *)y);
        else if (strcmp(who, "later") == 0)
            printf("{%d %g %s} ", ((const rec *)y)->a, ((const rec *)y)->b, ((const rec *)y)->tag);
        else
            printf("%s ", who);
        r = cy_task_step(t);
    }
    printf("| %g %s\n", CY_RESULT(t, double), cy_status_name(cy_task_status(t)));
    cy_task_free(t);

    t = bools();
    while (cy_task_step(t) > 0) printf("%d ", CY_YIELDED(t, _Bool));
    cy_task_free(t);
    int arr[3] = {10, 20, 30};
    t = ptrs(arr);
    while (cy_task_step(t) > 0) printf("%d ", *CY_YIELDED(t, int *));
    printf("%d\n", *CY_RESULT(t, int *));
    cy_task_free(t);
    return 0;
}
