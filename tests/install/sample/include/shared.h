/* shared.h - the sample project's shared header: both .cy files and
 * main.c include it, and coroc must learn its typedef (range) from it.  It
 * lives in include/ and needs SAMPLE_API: each build must hand its include
 * directories and definitions to coroc's preprocessor run, or coroc does
 * not know that range is a type and refuses the .cy files. */
#ifndef SAMPLE_SHARED_H
#define SAMPLE_SHARED_H

#ifndef SAMPLE_API
#error "build with -DSAMPLE_API=1"
#endif

typedef struct {
    int first, step, count;
} range;

/* a.cy: the sum of the values a generator coroutine yields */
long sum_range(range r);
/* b.cy: two coroutines sleeping on a loop with a virtual clock; the loop's
 * time when both are done */
double race(range r);

#endif
