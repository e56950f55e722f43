/*
 * log.h - for the unit tests: a text log the hand-written frames write
 * to, one line per call, compared with the expected transcript.
 */
#ifndef TEST_LOG_H
#define TEST_LOG_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct log {
    char buf[8192];
    size_t len;
};

/* append a line (say: as is; sayf: formatted; a NULL log is ignored) */
static inline void sayf(struct log *l, const char *fmt, ...)
{
    if (!l)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(l->buf + l->len, sizeof l->buf - l->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && l->len + (size_t)n + 2 < sizeof l->buf);
    l->len += (size_t)n;
    l->buf[l->len++] = '\n';
    l->buf[l->len] = '\0';
}

static inline void say(struct log *l, const char *text)
{
    sayf(l, "%s", text);
}

#endif
