/*
 * diag.c - source positions and diagnostics.
 *
 * Every message has the form   file:line:col: error: message
 * followed by the source line and a caret under the column, as gcc and
 * clang print them, so editors and people find the place.
 */
#include "cc.h"

#include <stdarg.h>
#include <stdlib.h>

int error_count;

void source_index_lines(Source *src)
{
    int n = 1;
    for (size_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n')
            n++;
    src->line_starts = arena_alloc(sizeof(int) * (size_t)n);
    src->nlines = n;
    int k = 0;
    src->line_starts[k++] = 0;
    for (size_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n')
            src->line_starts[k++] = (int)i + 1;
}

/* line and column, both from 1; the column counts bytes, tabs as one */
void source_pos(const Source *src, int offset, int *line, int *col)
{
    int lo = 0, hi = src->nlines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (src->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    *line = lo + 1;
    *col = offset - src->line_starts[lo] + 1;
}

static void report(const Source *src, int offset, const char *what,
                   const char *fmt, va_list ap)
{
    int line, col;
    source_pos(src, offset, &line, &col);
    fprintf(stderr, "%s:%d:%d: %s: ", src->name, line, col, what);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    /* the source line, then a caret under the column (tabs kept so the
     * caret lines up in a terminal) */
    const char *p = src->text + src->line_starts[line - 1];
    const char *e = p;
    while (e < src->text + src->len && *e != '\n')
        e++;
    fprintf(stderr, "%.*s\n", (int)(e - p), p);
    for (int i = 0; i < col - 1; i++)
        fputc(p[i] == '\t' ? '\t' : ' ', stderr);
    fputs("^\n", stderr);
}

void error_at(const Source *src, int offset, const char *fmt, ...)
{
    if (src->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(src, offset, "error", fmt, ap);
    va_end(ap);
    error_count++;
}

void warning_at(const Source *src, int offset, const char *fmt, ...)
{
    if (src->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(src, offset, "warning", fmt, ap);
    va_end(ap);
}

void fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("coroc: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}
