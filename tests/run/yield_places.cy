/* yield at every kind of place: loops with break/continue, the user's own
 * switch, if/else, after goto labels, nested blocks; locals across yields */
#include <stdio.h>
#include <string.h>

struct point { int x, y; };

coroutine(int) void places(int n)
{
    int total = 0;                          /* lives across every yield */
    for (int i = 0; i < n; i++) {
        if (i == 1)
            continue;
        if (i == 4)
            break;
        yield i;                            /* in a for loop */
        total += i;
    }
    int k = 0;
    while (k < 3) {
        k++;
        if (k == 2)
            continue;
        yield 10 + k;                       /* in a while loop */
    }
    do {
        yield 20 + k;                       /* in a do loop */
        k--;
    } while (k > 1);
    switch (n) {                            /* in the user's own switch */
    case 1:
        yield 31;
        break;
    case 5:
        yield 35;
        /* fall through */
    case 6:
        yield 36;
        break;
    default:
        yield 39;
    }
    if (total > 2) {
        yield 40;                           /* in if / else */
    } else if (total > 100) {
        yield 41;
    } else {
        yield 42;
    }
    int tries = 0;
again:
    tries++;
    yield 50 + tries;                       /* after a goto label */
    if (tries < 2)
        goto again;
    {
        struct point p = {1, 2};            /* initialisers keep their meaning */
        int a[3] = {1, 2, 3};
        char s[] = "abc";
        yield (int)sizeof a;                /* 12: still the array's size */
        yield (int)sizeof s;                /* 4 */
        yield p.x + p.y + a[2] + (int)strlen(s); /* 1+2+3+3 */
        {
            {
                yield 60;                   /* nested blocks */
            }
        }
    }
    {
        double d = 2.5;                     /* a sibling scope shares storage */
        yield (int)(d * 2);
    }
    static int calls;                       /* static stays static */
    calls++;
    yield 100 * calls + total;
}

int main(void)
{
    for (int round = 0; round < 2; round++) {
        cy_task *t = places(5);
        while (cy_task_step(t) > 0)
            printf("%d ", CY_YIELDED(t, int));
        printf("| %s\n", cy_status_name(cy_task_status(t)));
        cy_task_free(t);
    }
    return 0;
}
