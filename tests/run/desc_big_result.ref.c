#include <stdio.h>
#include <string.h>

struct big { unsigned char b[65536]; };
static int steps;
static struct big res;

static void f(int seed, struct big *out)
{
    struct big *r = out;
    for (size_t i = 0; i < sizeof r->b; i++)
        r->b[i] = (unsigned char)(i * 7 + seed);
    steps++;
}

int main(void)
{
    f(3, &res);
    const struct big *r = &res;
    unsigned sum = 0;
    for (size_t i = 0; i < sizeof r->b; i++)
        sum = sum * 31 + r->b[i];
    printf("steps=%d first=%u last=%u sum=%u\n", steps, r->b[0], r->b[65535], sum);
    return 0;
}
