/*
 * fault.c - the allocation wrappers and the driver of fault.h.  State is
 * global on purpose: it is the test's, not the runtime's.
 */
#include "fault.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__real_aligned_alloc(size_t align, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_aligned_alloc(size_t align, size_t n);
void __wrap_free(void *p);

enum { NEVER, ONCE, FROM };
static int mode = NEVER;
static long fail_at;   /* the allocation to fail, counted from 1 */
static long count;     /* allocations in this run */
static long live;      /* blocks not freed */
static int injected;   /* an allocation failed in this run */
static int paused;

static int should_fail(void)
{
    if (paused)
        return 0;
    count++;
    if ((mode == ONCE && count == fail_at) || (mode == FROM && count >= fail_at)) {
        injected = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    void *p = __real_malloc(n);
    if (p)
        live++;
    return p;
}

void *__wrap_calloc(size_t k, size_t n)
{
    if (should_fail())
        return NULL;
    void *p = __real_calloc(k, n);
    if (p)
        live++;
    return p;
}

void *__wrap_aligned_alloc(size_t align, size_t n)
{
    if (should_fail())
        return NULL;
    void *p = __real_aligned_alloc(align, n);
    if (p)
        live++;
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    if (p && n == 0) { /* glibc frees p; keep the count honest */
        __wrap_free(p);
        return NULL;
    }
    if (should_fail())
        return NULL;  /* p stays allocated, as realloc leaves it */
    void *q = __real_realloc(p, n);
    if (q && !p)
        live++;
    return q;
}

void __wrap_free(void *p)
{
    if (p)
        live--;
    __real_free(p);
}

int fault_pause(int on)
{
    int was = paused;
    paused = on;
    return was;
}

long fault_live(void) { return live; }
int fault_injected(void) { return injected; }

static void arm(int m, long n)
{
    mode = m;
    fail_at = n;
    count = 0;
    injected = 0;
    paused = 0;
}

/* Stop before this many runs of one mode: a scenario whose allocation
 * count keeps growing would never end. */
#define MAX_POINTS 100000L

int fault_drive(const char *name, int (*scenario)(void), long min_allocs)
{
    int bad = 0;
    long base = live;
    arm(NEVER, 0);
    int rc = scenario();
    long total = count;
    if (rc != 0) {
        printf("%s: FAIL with no failure injected: %s\n", name, strerror(-rc));
        bad = 1;
    }
    if (live != base) {
        printf("%s: FAIL with no failure injected: %ld blocks leaked\n", name,
               live - base);
        bad = 1;
    }
    if (total < min_allocs) {
        printf("%s: FAIL only %ld allocations, expected at least %ld\n", name,
               total, min_allocs);
        bad = 1;
    }
    static const char *const mname[] = { "", "once", "from" };
    long enomem[3] = { 0 }, recovered[3] = { 0 }, points[3] = { 0 };
    for (int m = ONCE; m <= FROM && !bad; m++) {
        for (long n = 1;; n++) {
            if (n > MAX_POINTS) {
                printf("%s: FAIL (%s) still allocating after %ld runs\n",
                       name, mname[m], MAX_POINTS);
                bad = 1;
                break;
            }
            arm(m, n);
            rc = scenario();
            int hit = injected;
            arm(NEVER, 0);
            if (!hit) {
                if (rc != 0) {
                    printf("%s: FAIL (%s %ld) no failure reached it, yet: %s\n",
                           name, mname[m], n, strerror(-rc));
                    bad = 1;
                }
                break; /* every allocation point was failed */
            }
            points[m]++;
            if (rc == -ENOMEM) {
                enomem[m]++;
            } else if (rc == 0) {
                recovered[m]++;
                if (m == ONCE)
                    fprintf(stderr, "%s: allocation %ld failed, and it went "
                            "on without it\n", name, n);
            } else {
                printf("%s: FAIL (%s %ld) result %d: %s\n", name, mname[m], n,
                       rc, strerror(rc < 0 ? -rc : rc));
                bad = 1;
            }
            if (live != base) {
                printf("%s: FAIL (%s %ld) %ld blocks leaked\n", name, mname[m],
                       n, live - base);
                bad = 1;
            }
            if (bad)
                break;
        }
    }
    fprintf(stderr,
            "%s: %ld allocations; failing each once: %ld -ENOMEM, %ld "
            "recovered; failing each and all after it: %ld -ENOMEM, %ld "
            "recovered\n",
            name, total, enomem[ONCE], recovered[ONCE], enomem[FROM],
            recovered[FROM]);
    if (!bad && (points[ONCE] < total || enomem[ONCE] + enomem[FROM] == 0)) {
        printf("%s: FAIL %ld allocation points failed, %ld allocations\n", name,
               points[ONCE], total);
        bad = 1;
    }
    if (!bad)
        printf("%s: ok\n", name);
    fflush(stdout);
    return bad;
}
