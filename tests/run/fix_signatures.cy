/* Regressions found by adversarial testing: void inside coroutine(...)
 * is not the result type; a static coroutine only awaited (embedded) has
 * an unused constructor; a parameter declared as an array is a pointer,
 * not a VLA; structs with const members are copied into the frame. */
/* ---- void_in_yield_type_means_void_result ---- */
#include <stdio.h>

coroutine(void, short) short mul(void)
{
    short a = yield;
    short b = yield;
    return (short)(a * b);
}

static int main_0(void)
{
    cy_task *t = mul();
    cy_task_step(t);
    CY_SEND(t, short, 6);
    CY_SEND(t, short, 7);
    printf("%d\n", CY_RESULT(t, short));
    cy_task_free(t);
    return 0;
}

/* ---- static_coroutine_unused_ctor ---- */


static coroutine int helper(void) { yield; return 41; }

coroutine int user(void)
{
    return await helper() + 1;
}

static int main_1(void)
{
    cy_task *t = user();
    while (cy_task_step(t) > 0)
        ;
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}

/* ---- array_param_not_vla ---- */


coroutine(int) int sum(int n, int b[n])
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        yield b[i];
        s += b[i];
    }
    return s;
}

static int main_2(void)
{
    int a[3] = {1, 2, 3};
    cy_task *t = sum(3, a);
    while (cy_task_step(t) > 0)
        printf("%d ", CY_YIELDED(t, int));
    printf("| %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}

/* ---- const_member_struct_local ---- */

struct cs { const int id; int count; };
coroutine(int) int cm(int n)
{
    struct cs v = { n, 0 };
    const struct cs w = { n + 1, 2 };
    yield v.id;
    v.count++;
    return v.id + v.count + w.id;
}
static int main_3(void) { cy_task *t = cm(5); while (cy_task_step(t) > 0) printf("%d ", CY_YIELDED(t, int)); printf("| %d\n", CY_RESULT(t, int)); cy_task_free(t); return 0; }

int main(void)
{
    main_0();
    main_1();
    main_2();
    main_3();
    return 0;
}
