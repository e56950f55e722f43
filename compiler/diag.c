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

/* How much of a long source line a message shows: a window around the
 * column, so that many errors on one long line (generated code, a minified
 * file) cost a few lines each, not the whole line each time. */
enum { LINE_WINDOW = 160 };

int max_errors = DEFAULT_MAX_ERRORS;

static void report(const Source *src, int offset, const char *what,
                   const char *fmt, va_list ap)
{
    int line, col;
    source_pos(src, offset, &line, &col);
    /* the whole message is built first and written at once: stderr is
     * unbuffered, and a byte at a time would be a system call each */
    Buf b = {0};
    bprintf(&b, "%s:%d:%d: %s: ", src->name, line, col, what);
    va_list aq;
    va_copy(aq, ap);
    char small[512];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= 0 && n < (int)sizeof small) {
        bputs(&b, small);
    } else if (n > 0) {
        char *big = malloc((size_t)n + 1);
        if (!big)
            fatal("out of memory");
        vsnprintf(big, (size_t)n + 1, fmt, aq);
        bputs(&b, big);
        free(big);
    }
    va_end(aq);
    bputs(&b, "\n");
    /* the source line, then a caret under the column (tabs kept so the
     * caret lines up in a terminal); past LINE_WINDOW bytes, only a window
     * around the column, its cut ends marked "..." */
    const char *p = src->text + src->line_starts[line - 1];
    const char *e = p;
    while (e < src->text + src->len && *e != '\n')
        e++;
    const char *from = p, *to = e;
    if (e - p > LINE_WINDOW) {
        from = p + col - 1 - LINE_WINDOW / 2;
        if (from < p)
            from = p;
        to = from + LINE_WINDOW;
        if (to > e) {
            to = e;
            from = e - LINE_WINDOW;
        }
        /* never cut a UTF-8 character */
        while (from > p && (*from & 0xC0) == 0x80)
            from--;
        while (to < e && (*to & 0xC0) == 0x80)
            to++;
    }
    const char *lead = from > p ? "..." : "";
    bprintf(&b, "%s%.*s%s\n", lead, (int)(to - from), from, to < e ? "..." : "");
    bputs(&b, lead[0] ? "   " : "");
    for (const char *c = from; c < p + col - 1 && c < to; c++)
        bputs(&b, *c == '\t' ? "\t" : " ");
    bputs(&b, "^\n");
    fwrite(b.buf, 1, b.len, stderr);
    bfree(&b);
}

void error_at(const Source *src, int offset, const char *fmt, ...)
{
    if (src->quiet)
        return;
    /* past the cap, errors are counted (the run still fails) but not
     * printed; the first one past it says so */
    if (max_errors > 0 && error_count >= max_errors) {
        if (error_count++ == max_errors)
            fprintf(stderr, "coroc: error: too many errors (%d), the rest are not shown (-fmax-errors=N changes the limit, 0: none)\n",
                    max_errors);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    report(src, offset, "error", fmt, ap);
    va_end(ap);
    error_count++;
}

void warning_at(const Source *src, int offset, const char *fmt, ...)
{
    static int warnings;
    if (src->quiet || (max_errors > 0 && warnings++ >= max_errors))
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
