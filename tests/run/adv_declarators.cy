/* adversarial: register/auto, function pointers and arrays of them, pointer
 * to array, _Alignas, bit-fields, unions, designated array initialisers kept
 * across yields */
#include <stdio.h>
#include <stdalign.h>

static int inc(int v) { return v + 1; }
static int dbl(int v) { return v * 2; }
typedef int (*op_fn)(int);

coroutine(long) long decls(int n)
{
    register int r = n;
    auto int a = 2;
    int (*fp)(int) = inc;
    int (*tab[2])(int) = { inc, dbl };
    int m[2][3] = { {1, 2, 3}, {4, 5, 6} };
    int (*pa)[3] = m;
    _Alignas(16) char al[16] = "x";
    _Alignas(32) int al2 = 3;
    long unsigned long big = 18446744073709551615ULL;
    unsigned short us = 65535, *pus = &us;
    struct { unsigned lo : 4, hi : 4; } bf = { 15, 9 };
    union { float f; unsigned u; } pun = { .f = 1.0f };
    op_fn ops[] = { dbl, inc, dbl };
    int i, j = 1, *pj = &j, arr3[3] = { [2] = 9 };
    yield r + a;
    i = fp(r);
    yield i + tab[1](a);
    yield pa[1][2] + (*pa)[1] + al[0] + (long)((unsigned long)al % 16) + al2 + (long)((unsigned long)&al2 % 32);
    yield (long)(big % 1000) + *pus;
    bf.hi++;
    yield bf.lo * 100 + bf.hi;
    yield (long)pun.u;
    for (unsigned k = 0; k < sizeof ops / sizeof *ops; k++) {
        yield ops[k](*pj + arr3[2] + (int)sizeof arr3);
        j++;
    }
    return (long)sizeof m + (long)sizeof bf;
}

int main(void)
{
    cy_task *t = decls(10);
    while (cy_task_step(t) > 0)
        printf("%ld ", CY_YIELDED(t, long));
    printf("| %ld\n", CY_RESULT(t, long));
    cy_task_free(t);
    return 0;
}
