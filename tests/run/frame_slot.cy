/* issue 12: one small parameter or local (and the result, when it fits)
 * shares the 4 bytes of the frame header's err, which means something only
 * once the task has failed.  Each coroutine below puts a value there (see
 * `coroc --frames`); before the task fails, cy_task_error must say 0 and
 * the repr show no error, whatever the slot holds; after a failure or a
 * cancellation, the error is read back; a coroutine with a defer keeps its
 * locals out of the slot, so that the defer reads the right value. */
#include <errno.h>
#include <stdio.h>

/* the parameter and the result in the slot */
coroutine int twice(int i)
{
    yield;
    return 2 * i;
}

/* a local in the slot (the first of a, b), the pointer in the frame */
coroutine int sum3(const int *p)
{
    int a = p[0];
    int b = p[1];
    yield;
    return a + b + p[2];
}

/* the result alone in the slot */
coroutine unsigned seven(void)
{
    yield;
    return 7u;
}

/* fails (throw) while the slot holds k */
coroutine int fails(int k)
{
    yield;
    if (k > 0)
        throw k;
    return k;
}

/* the message names k: read after the error is set, so k keeps out */
coroutine int named(int k)
{
    yield;
    throw EINVAL, k == 2 ? "two" : "not two";
}

/* cancelled while the slot holds n */
coroutine short waits(short n)
{
    yield;
    yield;
    return n;
}

/* a defer reads k after a failure or a cancellation: no slot (without
 * the defer, k would be the first local to take it: n is a long) */
coroutine int guarded(long n, int *out)
{
    int k = (int)n + 1;
    defer *out = k;
    yield;
    if (k > 5)
        throw EIO;
    yield;
    return k;
}

static void show(const char *what, cy_task *t)
{
    printf("%s: status %s, error %d, message %s, ", what, cy_status_name(cy_task_status(t)),
           cy_task_error(t), cy_task_message(t) ? cy_task_message(t) : "-");
    cy_task_print(t, stdout);
}

int main(void)
{
    cy_task *t = twice(21);
    show("twice new", t);
    cy_task_step(t);
    show("twice suspended", t);
    cy_task_step(t);
    show("twice finished", t);
    printf("twice result %d\n", CY_RESULT(t, int));
    cy_task_free(t);

    int data[3] = { 100, 20, 3 };
    t = sum3(data);
    cy_task_step(t);
    show("sum3 suspended", t);
    cy_task_step(t);
    show("sum3 finished", t);
    printf("sum3 result %d\n", CY_RESULT(t, int));
    cy_task_free(t);

    t = seven();
    cy_task_step(t);
    cy_task_step(t);
    show("seven finished", t);
    printf("seven result %u\n", CY_RESULT(t, unsigned));
    cy_task_free(t);

    t = fails(EIO);
    cy_task_step(t);
    show("fails suspended", t);
    cy_task_step(t);
    show("fails failed", t);
    printf("fails result %s\n", cy_task_result(t) ? "set" : "none");
    cy_task_free(t);
    t = fails(-3);
    cy_task_step(t);
    cy_task_step(t);
    show("fails finished", t);
    printf("fails result %d\n", CY_RESULT(t, int));
    cy_task_free(t);

    t = named(2);
    cy_task_step(t);
    cy_task_step(t);
    show("named failed", t);
    cy_task_free(t);

    t = waits(9);
    cy_task_step(t);
    show("waits suspended", t);
    printf("cancel %d\n", cy_task_cancel(t));
    show("waits cancelled", t);
    printf("waits result %s\n", cy_task_result(t) ? "set" : "none");
    cy_task_free(t);

    int out = 0;
    t = guarded(6, &out);
    cy_task_step(t);
    cy_task_step(t);
    show("guarded failed", t);
    printf("guarded defer saw k=%d\n", out);
    cy_task_free(t);
    out = 0;
    t = guarded(2, &out);
    cy_task_step(t);
    cy_task_step(t);
    cy_task_cancel(t);
    show("guarded cancelled", t);
    printf("guarded defer saw k=%d\n", out);
    cy_task_free(t);
    out = 0;
    t = guarded(3, &out);
    while (cy_task_step(t) > 0)
        ;
    show("guarded finished", t);
    printf("guarded result %d, defer saw k=%d\n", CY_RESULT(t, int), out);
    cy_task_free(t);
    return 0;
}
