/* adversarial: yield and receive types struct via typedef, long double,
 * unsigned char, _Complex, enum, function pointer typedef, union, pointer
 * typedef */
#include <stdio.h>
#include <complex.h>

typedef struct { short a; char name[6]; } item;
typedef int (*fn_t)(int);
enum mood { SAD, HAPPY };
union num { int i; float f; };

static int neg(int v) { return -v; }

coroutine(item, item) item swapper(item start)
{
    item cur = start;
    for (int i = 0; i < 3; i++) {
        item got = yield cur;
        cur.a += got.a;
        cur.name[i] = got.name[0];
    }
    return cur;
}

coroutine(long double, unsigned char) long double ld(void)
{
    unsigned char c = yield 1.5L;
    c += yield (long double)c / 4;
    return c;
}

coroutine(double _Complex) void cx(void) { yield 1.0 + 2.0 * I; }
coroutine(enum mood, enum mood) enum mood moody(void) { enum mood m = yield HAPPY; return m; }
coroutine(fn_t) fn_t fns(void) { yield neg; return neg; }
typedef void *vptr;
coroutine(union num, vptr) union num un(void) { void *p = yield (union num){ .f = 2.0f }; union num u = { .i = p != NULL }; return u; }
coroutine(int, short) short recv_only(void) { short a = yield 0; short b = yield 0; return (short)(a * b); }

int main(void)
{
    cy_task *t = swapper((item){ 1, "abcde" });
    int r = cy_task_step(t);
    while (r > 0) {
        item y = CY_YIELDED(t, item);
        printf("%d %s / ", y.a, y.name);
        item send = { 10, "XYZ" };
        r = cy_task_send(t, &send, sizeof send);
    }
    printf("| %d %s\n", CY_RESULT(t, item).a, CY_RESULT(t, item).name);
    cy_task_free(t);

    t = ld();
    cy_task_step(t);
    printf("%.2Lf ", CY_YIELDED(t, long double));
    CY_SEND(t, unsigned char, 250);
    printf("%.2Lf ", CY_YIELDED(t, long double));
    CY_SEND(t, unsigned char, 10);
    printf("| %.1Lf\n", CY_RESULT(t, long double));
    cy_task_free(t);

    t = cx(); cy_task_step(t);
    double _Complex z = CY_YIELDED(t, double _Complex);
    printf("%g %g\n", creal(z), cimag(z));
    cy_task_free(t);

    t = moody(); cy_task_step(t); printf("%d ", CY_YIELDED(t, enum mood));
    CY_SEND(t, enum mood, SAD); printf("%d\n", CY_RESULT(t, enum mood)); cy_task_free(t);

    t = fns(); cy_task_step(t); printf("%d ", CY_YIELDED(t, fn_t)(5));
    cy_task_step(t); printf("%d\n", CY_RESULT(t, fn_t)(6)); cy_task_free(t);

    t = un(); cy_task_step(t); printf("%g ", CY_YIELDED(t, union num).f);
    CY_SEND(t, vptr, &r); printf("%d\n", CY_RESULT(t, union num).i); cy_task_free(t);

    t = recv_only(); cy_task_step(t); CY_SEND(t, short, 6); CY_SEND(t, short, 7);
    printf("%d %s\n", CY_RESULT(t, short), cy_status_name(cy_task_status(t))); cy_task_free(t);
    return 0;
}
