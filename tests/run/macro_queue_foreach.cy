/* issue 10: statement-head macros whose expansion is a loop, with yields
 * and awaits in the body that follows: <sys/queue.h>'s TAILQ_FOREACH,
 * LIST_FOREACH and STAILQ_FOREACH, and a user's for_each over an array */
#include <stdio.h>
#include <stddef.h>
#include <sys/queue.h>

#define for_each(i, a) for (size_t i = 0; i < sizeof a / sizeof *a; i++)
#define when(c) if (c)

struct item {
    int v;
    TAILQ_ENTRY(item) tq;
    LIST_ENTRY(item) l;
    STAILQ_ENTRY(item) sq;
};
TAILQ_HEAD(tqh, item);
LIST_HEAD(lh, item);
STAILQ_HEAD(sqh, item);

coroutine int twice(int v)
{
    yield;
    return v * 2;
}

coroutine(int) int walk(void)
{
    struct item items[3] = {{.v = 1}, {.v = 2}, {.v = 3}};
    struct tqh tq = TAILQ_HEAD_INITIALIZER(tq);
    struct lh l = LIST_HEAD_INITIALIZER(l);
    struct sqh sq = STAILQ_HEAD_INITIALIZER(sq);
    for (int k = 0; k < 3; k++) {
        TAILQ_INSERT_TAIL(&tq, &items[k], tq);
        LIST_INSERT_HEAD(&l, &items[k], l);
        STAILQ_INSERT_TAIL(&sq, &items[k], sq);
    }
    int sum = 0;
    struct item *e;
    TAILQ_FOREACH(e, &tq, tq) {
        yield e->v;
        sum += await twice(e->v);
    }
    LIST_FOREACH(e, &l, l)
        yield e->v * 10;
    STAILQ_FOREACH(e, &sq, sq) {
        when (e->v != 2)
            yield e->v * 100;
        sum += e->v;
    }
    int w[] = {7, 8, 9};
    for_each(i, w) {
        yield w[i] + (int)i;
        when (i == 1) {
            sum += await twice(w[i]);
            continue;
        }
        sum++;
    }
    return sum;
}

int main(void)
{
    cy_task *t = walk();
    while (cy_task_step(t) > 0) {
        const int *y = cy_task_yielded(t); /* NULL while twice suspends */
        if (y)
            printf("y %d\n", *y);
        else
            printf("inside twice\n");
    }
    printf("sum %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
