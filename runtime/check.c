/*
 * check.c - the checks of CY_RESULT and CY_YIELDED in builds without
 * NDEBUG (coroc.h): a read of a result that is not there yet, or of a value
 * as a type of another size or kind, aborts with a message naming the
 * task, the macro's place and both types, instead of reading garbage.
 */
#include "coroc.h"
#include <stdio.h>

#include <stdlib.h>

/* The kinds that may be read as one another when their sizes agree: the
 * integers (a result of enum or unsigned type read as int), the pointers
 * and other objects (a char * read as const char *, a struct node * as
 * void *); a float only as a float. */
static int kind_class(int kind)
{
    switch (kind) {
    case CY_KIND_BOOL: case CY_KIND_CHAR: case CY_KIND_INT: case CY_KIND_UINT:
        return 1;
    case CY_KIND_FLOAT:
        return 2;
    case CY_KIND_STRING: case CY_KIND_PTR: case CY_KIND_OTHER:
        return 3;
    default:
        return 0;
    }
}

static const char *kind_words(int kind)
{
    switch (kind) {
    case CY_KIND_BOOL: return "a _Bool";
    case CY_KIND_CHAR: return "a char";
    case CY_KIND_INT: return "a signed integer";
    case CY_KIND_UINT: return "an unsigned integer";
    case CY_KIND_FLOAT: return "a floating type";
    case CY_KIND_STRING: return "a string";
    case CY_KIND_PTR: return "a void pointer";
    case CY_KIND_OTHER: return "a pointer, struct or union";
    default: return "no value";
    }
}

/* Does a value of size and kind (the descriptor's) read as one of
 * want_size and want_kind (the macro's type)?  A kind of 0 with a size
 * (a hand-written descriptor that left it out) is not compared. */
static int readable_as(size_t size, int kind, size_t want_size, int want_kind)
{
    if (size != want_size)
        return 0;
    return kind == CY_KIND_VOID || kind_class(kind) == kind_class(want_kind);
}

static _Noreturn void check_failed(const char *macro, const char *expr, const char *type,
                                   const char *file, int line, const cy_task *t,
                                   const char *why)
{
    fprintf(stderr, "%s:%d: %s(%s, %s): task '%s' %s\n", file, line, macro, expr, type,
            t ? cy_task_name(t) : "(null)", why);
    fflush(NULL); /* what the program printed before, too */
    abort();
}

static void type_failed(const char *macro, const char *expr, const char *type,
                        const char *file, int line, const cy_task *t,
                        const char *what, const char *decl, size_t size, int kind,
                        size_t want)
{
    char why[256];
    const char *s = size == 1 ? "" : "s", *ws = want == 1 ? "" : "s";
    if (decl)
        snprintf(why, sizeof why, "%s %s (%zu byte%s, %s), not %s (%zu byte%s)", what, decl,
                 size, s, kind_words(kind), type, want, ws);
    else
        snprintf(why, sizeof why, "%s a value of %zu byte%s (%s), not %s (%zu byte%s)", what,
                 size, s, kind_words(kind), type, want, ws);
    check_failed(macro, expr, type, file, line, t, why);
}

const void *cy_task_result_checked_(const cy_task *t, size_t size, int kind,
                                    const char *expr, const char *type,
                                    const char *file, int line)
{
    if (!t)
        check_failed("CY_RESULT", expr, type, file, line, t, "is NULL");
    if (t->status != CY_FINISHED) {
        char why[160];
        snprintf(why, sizeof why, "is %s: a result is there only once it is FINISHED",
                 cy_status_name(t->status));
        check_failed("CY_RESULT", expr, type, file, line, t, why);
    }
    const cy_desc *d = t->desc;
    if (d->result_size == 0)
        check_failed("CY_RESULT", expr, type, file, line, t, "returns no value (void)");
    if (!readable_as(d->result_size, d->result_kind, size, kind))
        type_failed("CY_RESULT", expr, type, file, line, t, "returns", d->result_type,
                    d->result_size, d->result_kind, size);
    return (const char *)t + d->result_offset;
}

const void *cy_task_yielded_checked_(const cy_task *t, size_t size, int kind,
                                     const char *expr, const char *type,
                                     const char *file, int line)
{
    if (!t)
        check_failed("CY_YIELDED", expr, type, file, line, t, "is NULL");
    if (t->status == CY_NEW)
        check_failed("CY_YIELDED", expr, type, file, line, t,
                     "has not started: step it first");
    const cy_task *f = t->link;
    const cy_desc *d = f->desc;
    if (d->yield_offset == 0)
        check_failed("CY_YIELDED", expr, type, file, line, f,
                     "yielded no value (it declares no yield type, or its last yield was a bare 'yield;')");
    if (!readable_as(d->yield_size, d->yield_kind, size, kind))
        type_failed("CY_YIELDED", expr, type, file, line, f, "yields", d->yield_type,
                    d->yield_size, d->yield_kind, size);
    return (const char *)f + d->yield_offset;
}
