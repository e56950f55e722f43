/* plain-C twin of macro_queue_foreach.cy: yield prints, await is a call */
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

static void Y(int v) { printf("y %d\n", v); }

static int twice(int v)
{
    printf("inside twice\n");
    return v * 2;
}

static int walk(void)
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
        Y(e->v);
        sum += twice(e->v);
    }
    LIST_FOREACH(e, &l, l)
        Y(e->v * 10);
    STAILQ_FOREACH(e, &sq, sq) {
        when (e->v != 2)
            Y(e->v * 100);
        sum += e->v;
    }
    int w[] = {7, 8, 9};
    for_each(i, w) {
        Y(w[i] + (int)i);
        when (i == 1) {
            sum += twice(w[i]);
            continue;
        }
        sum++;
    }
    return sum;
}

int main(void)
{
    printf("sum %d\n", walk());
    return 0;
}
