/*
 * test_gen.c - coroc_gen.h, the generated-code contract, compiled alone
 * after the kind of user code it must survive (issue 9): the C library
 * names it must not declare, and short macros it must not use.  Then a
 * frame built on that contract alone (no coroc.h) is run by hand, as a
 * program with no runtime header but coroc_gen.h would.
 *
 * cmocka.h comes first: it is the test's, not the hostile user's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* ---- the hostile user code ------------------------------------------------ */

/* C library names with other meanings: a hard error if coroc_gen.h brought
 * in <stdio.h>, <string.h>, <stdlib.h> or <errno.h> */
static int remove(int k) { return k * 2; }    /* stdio.h: int remove(const char *) */
static const char *strtok = "tok";            /* string.h: a function */
static int abs = -1;                          /* stdlib.h: a function */
static double errno_value = 0;
#define errno errno_value                     /* errno.h defines errno */

/* short macros, object-like and function-like, of names a header might
 * use for parameters, locals or private fields: each expands to something
 * that cannot compile where a name is expected.  (The member names that
 * the generated code itself writes -- desc, link, state, status, flags,
 * err, name, resume, size, *_offset, *_size, *_kind, depth -- are left out:
 * such a macro would break the generated code, header or not.) */
#define n 14
#define t 1 +
#define p (
#define x )
#define r 3.0
#define s "s"
#define d {
#define e }
#define f ;
#define g 0x
#define i -
#define k [
#define v ]
#define self 7
#define loop 8
#define code 9
#define child 10
#define frame 11
#define owner 12
#define align 13
#define value 15
#define base 16
#define top 17
#define end 18
#define chunk 19
#define spare 20
#define next 21
#define chunks 22
#define free 23
#define on_park 24
#define dst 25
#define src 26
#define bool 27
#define true 28
#define false 29
#define alignof 30
#define memcpy(a, b, c) 31
#define malloc(a) 32
#define strlen(a) 33
#define printf(...) 34
#define assert(a) 35

#include "coroc_gen.h"

/* the header declared none of the C library; now back to plain C */
#if defined(EOF) || defined(EINVAL) || defined(ENOMEM) || defined(BUFSIZ)
#error "coroc_gen.h included a hosted header"
#endif
#if defined(__bool_true_false_are_defined) || defined(__alignas_is_defined)
#error "coroc_gen.h included <stdbool.h> or <stdalign.h>"
#endif
#undef n
#undef t
#undef p
#undef x
#undef r
#undef s
#undef d
#undef e
#undef f
#undef g
#undef i
#undef k
#undef v
#undef self
#undef loop
#undef code
#undef child
#undef frame
#undef owner
#undef align
#undef value
#undef base
#undef top
#undef end
#undef chunk
#undef spare
#undef next
#undef chunks
#undef free
#undef on_park
#undef dst
#undef src
#undef bool
#undef true
#undef false
#undef alignof
#undef memcpy
#undef malloc
#undef strlen
#undef printf
#undef assert

/* ---- a coroutine written on the contract alone ------------------------------
 * Spelled out in full, not with frames.h (the other tests' shared
 * header): this file checks the contract itself, name by name.
 *   coroutine(int, struct big) int sum(int k): yields 0 .. k-1, adds the
 *   long at the end of each struct big it is sent, returns the sum; the
 *   receive type's 70 000 bytes check the 32-bit sizes. */

struct big { unsigned char bytes[70000]; };

struct sum__frame {
    cy_task cy_task;
    int k, i;
    long total;
    int cy_yield;
    struct big cy_big; /* the receive slot: wider than 16 bits can count */
    int cy_result;
};
static cy_task *sum__resume(cy_task *cy_t);
static const cy_desc sum__desc = {
    .name = "sum",
    .resume = sum__resume,
    .size = sizeof(struct sum__frame),
    .result_offset = offsetof(struct sum__frame, cy_result),
    .result_size = sizeof(((struct sum__frame *)0)->cy_result),
    .result_kind = CY_KIND_OF_EXPR(((struct sum__frame *)0)->cy_result),
    .yield_offset = offsetof(struct sum__frame, cy_yield),
    .yield_size = sizeof(((struct sum__frame *)0)->cy_yield),
    .yield_kind = CY_KIND_OF_EXPR(((struct sum__frame *)0)->cy_yield),
    .recv_offset = offsetof(struct sum__frame, cy_big),
    .recv_size = sizeof(((struct sum__frame *)0)->cy_big),
    .recv_kind = CY_KIND_OF_EXPR(((struct sum__frame *)0)->cy_big),
};
static cy_task *sum(int k)
{
    struct sum__frame *cy_f = cy_alloc(sizeof *cy_f);
    if (!cy_f)
        return NULL;
    cy_task_init(&cy_f->cy_task, &sum__desc, CY_F_HEAP);
    cy_f->k = k;
    return &cy_f->cy_task;
}
static cy_task *sum__resume(cy_task *cy_t)
{
    struct sum__frame *cy_f = (struct sum__frame *)cy_t;
    switch (cy_f->cy_task.state) {
    case 0: break;
    case 1: goto cy_resume_1;
    case CY_STATE_CANCEL: return cy_t;
    }
    for (cy_f->i = 0; cy_f->i < cy_f->k; cy_f->i++) {
        cy_f->cy_yield = cy_f->i;
        cy_f->cy_task.state = 1;
        return NULL;
    cy_resume_1:;
        long got;
        cy_memcpy(&got, cy_f->cy_big.bytes + 69990, sizeof got);
        cy_f->total += got;
    }
    if (cy_f->total < 0) {
        cy_t->err = cy_errcode(CY_EINVAL);
        cy_t->status = CY_ERROR;
        return cy_t;
    }
    cy_f->cy_result = (int)cy_f->total;
    return cy_t;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_hostile_user_code_untouched(void **state)
{
    (void)state;
    assert_int_equal(remove(4), 8);
    assert_string_equal(strtok, "tok");
    assert_int_equal(abs, -1);
    assert_true(errno == 0);
}

static void test_contract_values(void **state)
{
    (void)state;
    assert_int_equal(cy_errcode(5), -5);
    assert_int_equal(cy_errcode(-5), -5);
    assert_int_equal(cy_errcode(0), -CY_EINVAL);
    char a[8] = "abcdefg", b[8] = { 0 };
    assert_ptr_equal(cy_memcpy(b, a, sizeof a), b);
    assert_string_equal(b, "abcdefg");
    assert_int_equal(CY_KIND_OF(long), CY_KIND_INT);
    assert_int_equal(CY_KIND_OF(const char *), CY_KIND_STRING);
    assert_int_equal(CY_KIND_OF(struct big), CY_KIND_OTHER);
    /* the frame header stays 24 bytes on LP64 (issue 12 wants it smaller,
     * never larger) */
    if (sizeof(void *) == 8)
        assert_int_equal(sizeof(cy_task), 24);
    /* sizes of 64 KiB and more are kept whole */
    assert_int_equal(sum__desc.recv_size, 70000);
    assert_int_equal(sum__desc.recv_kind, CY_KIND_OTHER);
    assert_null(sum__desc.cy_on_park);
}

/* Drive the frame by hand as a driver does: resume the root, which
 * returns NULL at a yield and itself at its end; "send" by copying into
 * the receive slot the desc describes. */
static void test_frame_on_the_contract_alone(void **state)
{
    (void)state;
    cy_task *c = sum(3);
    assert_non_null(c);
    c->status = CY_RUNNING;
    long sent = 0;
    for (int step = 0;; step++) {
        cy_task *r = c->desc->resume(c);
        if (r == c)
            break;
        assert_null(r);
        int y;
        cy_memcpy(&y, (char *)c + c->desc->yield_offset, sizeof y);
        assert_int_equal(y, step);
        struct big b = { { 0 } };
        long v = 100 * (step + 1);
        cy_memcpy(b.bytes + 69990, &v, sizeof v);
        cy_memcpy((char *)c + c->desc->recv_offset, &b, c->desc->recv_size);
        sent += v;
    }
    c->status = CY_FINISHED;
    int res;
    cy_memcpy(&res, (char *)c + c->desc->result_offset, c->desc->result_size);
    assert_int_equal(res, sent);
    assert_int_equal(res, 600);
    cy_task_free(c);
}

/* A pool and a region, the other memory the generated code uses (the
 * pool's init and destroy are the user's API, coroc.h: declared here). */
void cy_pool_init(cy_pool *pool, size_t frame_size);
void cy_pool_destroy(cy_pool *pool);

static void test_pool_and_region(void **state)
{
    (void)state;
    cy_pool pool;
    cy_pool_init(&pool, 48);
    void *a = cy_pool_get(&pool), *b = cy_pool_get(&pool);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    cy_pool_put(&pool, a);
    assert_ptr_equal(cy_pool_get(&pool), a);
    cy_pool_destroy(&pool);

    cy_task owner;
    cy_task_init(&owner, &sum__desc, 0);
    cy_region *reg = cy_region_new(&owner);
    assert_non_null(reg);
    assert_int_equal(reg->depth, 0);
    void *x = cy_region_alloc(reg, 40);
    void *y = cy_region_alloc(reg, 100000); /* a chunk of its own */
    assert_non_null(x);
    assert_non_null(y);
    cy_region_pop(reg, y);
    cy_region_pop(reg, x);
    cy_region_release(reg, NULL); /* not the owner: a no-op */
    cy_region_release(reg, &owner);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_user_code_untouched),
        cmocka_unit_test(test_contract_values),
        cmocka_unit_test(test_frame_on_the_contract_alone),
        cmocka_unit_test(test_pool_and_region),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
