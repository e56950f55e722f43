/* Issue 9: the header coroc inserts must not collide with the user's code.
 * This file includes no runtime header itself: it defines short macros,
 * and C library names with meanings of its own, before its first
 * coroutine, and drives its coroutine through the generated-code contract
 * alone (coroc_gen.h, which coroc's output is to include on its first
 * line).  Today coroc inserts coroc.h (and so <stdio.h>, <string.h>)
 * after these lines, and the build fails. */
#define n 14
#define t 3
#define loop "not a loop"
#define size_of_step 2

int puts(const char *);                  /* the same as stdio.h's */
static int remove(int k) { return k * 2; } /* stdio.h: remove(const char *) */
static const char *strtok = "tok";         /* string.h: a function */

static void say_int(long v)
{
    char buf[24], *q = buf + sizeof buf;
    int neg = v < 0;
    *--q = '\0';
    do {
        *--q = (char)('0' + (neg ? -(v % 10) : v % 10));
        v /= 10;
    } while (v);
    if (neg)
        *--q = '-';
    puts(q);
}

coroutine(int) int counter(int k)
{
    for (int i = 0; i < k; i += size_of_step / 2)
        yield i * n;
    return remove(k) + t;
}

int main(void)
{
    cy_task *c = counter(3);
    if (!c)
        return 1;
    c->status = CY_RUNNING;
    while (c->desc->resume(c) == NULL) {
        int y;
        cy_memcpy(&y, (char *)c + c->desc->yield_offset, sizeof y);
        say_int(y);
    }
    int r;
    cy_memcpy(&r, (char *)c + c->desc->result_offset, sizeof r);
    say_int(r);
    puts(strtok);
    puts(loop);
    cy_task_free(c);
    return 0;
}
