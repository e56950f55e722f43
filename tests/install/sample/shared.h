/* shared.h - the sample project's shared header: both .cy files and
 * main.c include it, and coroc must learn its typedef (range) from it. */
#ifndef SAMPLE_SHARED_H
#define SAMPLE_SHARED_H

typedef struct {
    int first, step, count;
} range;

/* a.cy: the sum of the values a generator coroutine yields */
long sum_range(range r);
/* b.cy: two coroutines sleeping on a loop with a virtual clock; the loop's
 * time when both are done */
double race(range r);

#endif
