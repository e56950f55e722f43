/* issue 9: compound literals whose address outlives a suspension in their
 * block are kept in the frame: an element's address, a literal evaluated
 * again in a loop (initialised again each time), one that names locals,
 * a string in a char array, a const one, one of a local struct type */
#include <stdio.h>

coroutine int f(int k)
{
    int *e = &((int[]){1, 2, 3})[k];
    struct loc { int a; char c; };
    struct loc *l = &(struct loc){k, 'q'};
    char *s = (char[]){"hey"};
    const int *c = (const int[]){7, 8};
    int sum = 0;
    for (int i = 0; i < 3; i++) {
        int *w = (int[]){k, k + i};
        yield;
        w[0] += 100;
        sum += w[0] + w[1];
    }
    yield;
    return *e * 100000 + l->a * 10000 + l->c + sum * 10 + (int)sizeof "hey" + s[1] + c[1];
}

int main(void)
{
    cy_task *t = f(2);
    while (cy_task_step(t) > 0)
        ;
    printf("result %d\n", CY_RESULT(t, int));
    cy_task_free(t);
    return 0;
}
