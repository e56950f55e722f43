/* coroc's words are C identifiers outside coroutines and after . and ->;
 * the text of an #if 0 branch is never parsed. */
#include <stdio.h>
struct L { int try, defer, yield, await, throw, catch; };
static int yield(int v) { return v + 1; }
static int plain(struct L *l) { return l->try + l->defer + yield(1); }
coroutine int f(struct L *l)
{
    struct L s = *l;
    yield;
    return s.try + s.defer + l->yield + l->await + l->throw + l->catch + plain(l);
}
#if 0
coroutine int broken(void) { this is not C; }
#else
int unused_marker;
#endif
int main(void)
{
    struct L l = { 1, 2, 3, 4, 5, 6 };
    cy_task *t = f(&l);
    while (cy_task_step(t) > 0) {}
    printf("%d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
