/* plain-C twin of cond_cancel.cy: a yield prints and counts the step,
 * the cancellation at step 3 jumps to the cleanup, which runs the defers
 * last registered first */
#include <stdio.h>

static int steps;

static int Y(int v)
{
    printf("y %d\n", v);
    return ++steps == 3;
}

static void job(int n)
{
    int done = 0;
#ifdef VERBOSE
    int seen = 0;
#endif
    for (int i = 0; i < n; i++) {
#ifdef VERBOSE
        seen++;
        if (Y(100 + i))
            goto cleanup;
#endif
        if (Y(i))
            goto cleanup;
        done++;
    }
cleanup:
    printf("done %d\n", done);
#ifdef VERBOSE
    printf("verbose: %d seen\n", seen);
#endif
    printf("CANCELLED\n");
}

int main(void)
{
    job(5);
    return 0;
}
