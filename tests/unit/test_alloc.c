/*
 * test_alloc.c - unit tests of the runtime's frame memory (cmocka): pools
 * (caller-owned, one frame size, recycled) and regions (LIFO memory for the
 * frames of recursive awaits).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "coroc.h"

/* sizes are rounded to a pointer's size only; frames are aligned as their
 * type needs (a size that is a multiple of 16 gets 16) */
static void pool_sizes_and_alignment(void **state)
{
    (void)state;
    size_t sizes[] = { 1, 8, 24, 40, 44, 48, 100 };
    size_t want[] = { 8, 8, 24, 40, 48, 48, 104 };
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        cy_pool p;
        cy_pool_init(&p, sizes[i]);
        assert_int_equal(p.cy_size, want[i]); /* private: the test looks inside */
        for (int k = 0; k < 100; k++) {
            void *x = cy_pool_get(&p);
            assert_non_null(x);
            assert_int_equal((uintptr_t)x % (want[i] % 16 == 0 ? 16 : 8), 0);
            memset(x, 0xab, sizes[i]);
        }
        cy_pool_destroy(&p);
    }
}

/* a frame given back is the next one handed out; many frames span chunks
 * and stay distinct */
static void pool_recycles(void **state)
{
    (void)state;
    cy_pool p;
    cy_pool_init(&p, 48);
    enum { N = 5000 };
    void **v = malloc(N * sizeof *v);
    assert_non_null(v);
    for (int i = 0; i < N; i++) {
        v[i] = cy_pool_get(&p);
        assert_non_null(v[i]);
        memset(v[i], i & 0xff, 48);
    }
    for (int i = 0; i < N; i++)
        for (int k = 0; k < 48; k++)
            assert_int_equal(((unsigned char *)v[i])[k], i & 0xff);
    cy_pool_put(&p, v[17]);
    cy_pool_put(&p, v[42]);
    assert_ptr_equal(cy_pool_get(&p), v[42]);
    assert_ptr_equal(cy_pool_get(&p), v[17]);
    free(v);
    cy_pool_destroy(&p);
    cy_pool_destroy(&p); /* twice is harmless */
}

/* region: LIFO allocation across chunk boundaries, back and forth, with no
 * leak (valgrind and LeakSanitizer check it) */
static void region_lifo(void **state)
{
    (void)state;
    cy_task owner;
    cy_region *r = cy_region_new(&owner);
    assert_non_null(r);
    enum { N = 20000 };
    void **v = malloc(N * sizeof *v);
    assert_non_null(v);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < N; i++) {
            v[i] = cy_region_alloc(r, 40 + (size_t)(i % 3) * 8);
            assert_non_null(v[i]);
            assert_int_equal((uintptr_t)v[i] % 16, 0);
            memset(v[i], i & 0xff, 40);
        }
        for (int i = N - 1; i >= 0; i--) {
            assert_int_equal(((unsigned char *)v[i])[39], i & 0xff);
            cy_region_pop(r, v[i]);
        }
    }
    /* after popping everything, the first block is handed out again */
    void *a = cy_region_alloc(r, 64);
    assert_ptr_equal(a, v[0]);
    cy_region_pop(r, a);
    /* a block larger than a chunk */
    void *big = cy_region_alloc(r, 200 * 1024);
    assert_non_null(big);
    memset(big, 1, 200 * 1024);
    cy_region_pop(r, big);
    free(v);
    cy_region_release(r, NULL);   /* not the owner: nothing happens */
    cy_region_release(r, &owner); /* the owner frees it */
    cy_region_release(NULL, &owner);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pool_sizes_and_alignment),
        cmocka_unit_test(pool_recycles),
        cmocka_unit_test(region_lifo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
