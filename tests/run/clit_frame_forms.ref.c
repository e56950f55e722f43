/* plain-C twin of clit_frame_forms.cy: the coroutine is a function, yield is gone */
/* issue 9: compound literals whose address outlives a suspension in their
 * block are kept in the frame: an element's address, a literal evaluated
 * again in a loop (initialised again each time), one that names locals,
 * a string in a char array, a const one, one of a local struct type */
#include <stdio.h>

static int f(int k)
{
    int *e = &((int[]){1, 2, 3})[k];
    struct loc { int a; char c; };
    struct loc *l = &(struct loc){k, 'q'};
    char *s = (char[]){"hey"};
    const int *c = (const int[]){7, 8};
    int sum = 0;
    for (int i = 0; i < 3; i++) {
        int *w = (int[]){k, k + i};
        ;
        w[0] += 100;
        sum += w[0] + w[1];
    }
    ;
    return *e * 100000 + l->a * 10000 + l->c + sum * 10 + (int)sizeof "hey" + s[1] + c[1];
}

int main(void)
{
    printf("result %d\n", f(2));
    return 0;
}
