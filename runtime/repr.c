/*
 * repr.c - printing values and tasks the way Python's repr() does.
 */
#include "coroc.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An snprintf-like sink: writes what fits (always NUL-terminated when
 * size > 0) and counts the full length. */
struct sink {
    char *buf;
    size_t size;
    size_t len;
};

static void put_mem(struct sink *s, const char *p, size_t n)
{
    if (s->len + 1 < s->size) {
        size_t room = s->size - 1 - s->len;
        memcpy(s->buf + s->len, p, n < room ? n : room);
    }
    s->len += n;
}

static void put_str(struct sink *s, const char *p)
{
    put_mem(s, p, strlen(p));
}

static void put_char(struct sink *s, char c)
{
    put_mem(s, &c, 1);
}

static int sink_end(struct sink *s)
{
    if (s->size > 0)
        s->buf[s->len < s->size ? s->len : s->size - 1] = '\0';
    return s->len > INT_MAX ? INT_MAX : (int)s->len;
}

/* ---- strings ---------------------------------------------------------- */

/* Python's str repr: single quotes unless the text contains ' and no ".
 * Bytes >= 0x80 are copied as they are (UTF-8 text prints like a Python
 * str); other non-printable bytes become \xNN. */
static void put_quoted(struct sink *s, const char *p, size_t n)
{
    char quote = '\'';
    if (memchr(p, '\'', n) && !memchr(p, '"', n))
        quote = '"';
    put_char(s, quote);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        switch (c) {
        case '\\': put_str(s, "\\\\"); continue;
        case '\n': put_str(s, "\\n"); continue;
        case '\r': put_str(s, "\\r"); continue;
        case '\t': put_str(s, "\\t"); continue;
        default: break;
        }
        if (c == (unsigned char)quote) {
            put_char(s, '\\');
            put_char(s, (char)c);
        } else if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
            put_mem(s, esc, 4);
        } else {
            put_char(s, (char)c);
        }
    }
    put_char(s, quote);
}

/* ---- numbers ---------------------------------------------------------- */

static void put_fmt_ll(struct sink *s, long long v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", v);
    put_str(s, tmp);
}

static void put_fmt_ull(struct sink *s, unsigned long long v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%llu", v);
    put_str(s, tmp);
}

static bool put_int(struct sink *s, size_t vsize, const void *v)
{
    switch (vsize) {
    case 1: { int8_t x; memcpy(&x, v, 1); put_fmt_ll(s, x); return true; }
    case 2: { int16_t x; memcpy(&x, v, 2); put_fmt_ll(s, x); return true; }
    case 4: { int32_t x; memcpy(&x, v, 4); put_fmt_ll(s, x); return true; }
    case 8: { int64_t x; memcpy(&x, v, 8); put_fmt_ll(s, x); return true; }
    default: return false;
    }
}

static bool put_uint(struct sink *s, size_t vsize, const void *v)
{
    switch (vsize) {
    case 1: { uint8_t x; memcpy(&x, v, 1); put_fmt_ull(s, x); return true; }
    case 2: { uint16_t x; memcpy(&x, v, 2); put_fmt_ull(s, x); return true; }
    case 4: { uint32_t x; memcpy(&x, v, 4); put_fmt_ull(s, x); return true; }
    case 8: { uint64_t x; memcpy(&x, v, 8); put_fmt_ull(s, x); return true; }
    default: return false;
    }
}

/*
 * Lay out a shortest decimal expansion the way Python's float repr does:
 * digits d1d2...dn (no trailing zeros) times 10^(exp - n + 1), i.e. the
 * value d1.d2...dn e exp.  Scientific notation when exp < -4 or exp >= 16,
 * with a signed exponent of at least two digits (1e+16, 1.5e-07); else
 * positional with at least one digit after the point (2.0, 0.001).
 */
static void put_decimal(struct sink *s, bool neg, const char *dig, int n,
                        int exp)
{
    if (neg)
        put_char(s, '-');
    if (exp < -4 || exp >= 16) {
        put_char(s, dig[0]);
        if (n > 1) {
            put_char(s, '.');
            put_mem(s, dig + 1, (size_t)n - 1);
        }
        char tmp[16];
        snprintf(tmp, sizeof tmp, "e%c%02d", exp < 0 ? '-' : '+',
                 exp < 0 ? -exp : exp);
        put_str(s, tmp);
    } else if (exp < 0) {
        put_str(s, "0.");
        for (int i = 0; i < -exp - 1; i++)
            put_char(s, '0');
        put_mem(s, dig, (size_t)n);
    } else if (exp >= n - 1) {
        put_mem(s, dig, (size_t)n);
        for (int i = 0; i < exp - (n - 1); i++)
            put_char(s, '0');
        put_str(s, ".0");
    } else {
        put_mem(s, dig, (size_t)exp + 1);
        put_char(s, '.');
        put_mem(s, dig + exp + 1, (size_t)(n - exp - 1));
    }
}

/* Split the output of %.*e ("-1.2345e+07") into sign, digits, exponent. */
static void put_from_e(struct sink *s, const char *text)
{
    char dig[64];
    int n = 0;
    bool neg = false;
    const char *p = text;
    if (*p == '-') {
        neg = true;
        p++;
    }
    for (; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9' && n < (int)sizeof dig)
            dig[n++] = *p;
    int exp = (*p) ? (int)strtol(p + 1, NULL, 10) : 0;
    while (n > 1 && dig[n - 1] == '0')
        n--;
    put_decimal(s, neg, dig, n, exp);
}

static bool put_special(struct sink *s, int cls, bool neg)
{
    if (cls == FP_NAN) {
        put_str(s, "nan");
        return true;
    }
    if (cls == FP_INFINITE) {
        put_str(s, neg ? "-inf" : "inf");
        return true;
    }
    return false;
}

static void put_double(struct sink *s, double x)
{
    if (put_special(s, fpclassify(x), signbit(x)))
        return;
    char tmp[64];
    for (int prec = 0; prec < DBL_DECIMAL_DIG; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    put_from_e(s, tmp);
}

static void put_float(struct sink *s, float x)
{
    if (put_special(s, fpclassify(x), signbit(x)))
        return;
    char tmp[64];
    for (int prec = 0; prec < FLT_DECIMAL_DIG; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec, (double)x);
        if (strtof(tmp, NULL) == x)
            break;
    }
    put_from_e(s, tmp);
}

static void put_long_double(struct sink *s, long double x)
{
    if (put_special(s, fpclassify(x), signbit(x)))
        return;
    char tmp[96];
    for (int prec = 0; prec < LDBL_DECIMAL_DIG; prec++) {
        snprintf(tmp, sizeof tmp, "%.*Le", prec, x);
        if (strtold(tmp, NULL) == x)
            break;
    }
    put_from_e(s, tmp);
}

static bool put_floating(struct sink *s, size_t vsize, const void *v)
{
    if (vsize == sizeof(float)) {
        float x;
        memcpy(&x, v, sizeof x);
        put_float(s, x);
    } else if (vsize == sizeof(double)) {
        double x;
        memcpy(&x, v, sizeof x);
        put_double(s, x);
    } else if (vsize == sizeof(long double)) {
        long double x;
        memcpy(&x, v, sizeof x);
        put_long_double(s, x);
    } else {
        return false;
    }
    return true;
}

/* ---- values ----------------------------------------------------------- */

static void put_value(struct sink *s, int kind, size_t vsize, const void *v)
{
    if (kind == CY_KIND_VOID || !v) {
        put_str(s, "None");
        return;
    }
    switch (kind) {
    case CY_KIND_BOOL:
        if (vsize == 0)
            break;
        {
            unsigned char b = 0;
            for (size_t i = 0; i < vsize; i++)
                b |= ((const unsigned char *)v)[i];
            put_str(s, b ? "True" : "False");
        }
        return;
    case CY_KIND_CHAR:
        if (vsize != 1)
            break;
        put_quoted(s, v, 1);
        return;
    case CY_KIND_INT:
        if (put_int(s, vsize, v))
            return;
        break;
    case CY_KIND_UINT:
        if (put_uint(s, vsize, v))
            return;
        break;
    case CY_KIND_FLOAT:
        if (put_floating(s, vsize, v))
            return;
        break;
    case CY_KIND_STRING:
        if (vsize != sizeof(const char *))
            break;
        {
            const char *p;
            memcpy(&p, v, sizeof p);
            if (!p)
                put_str(s, "None");
            else
                put_quoted(s, p, strlen(p));
        }
        return;
    case CY_KIND_PTR:
        if (vsize != sizeof(void *))
            break;
        {
            void *p;
            memcpy(&p, v, sizeof p);
            if (!p) {
                put_str(s, "None");
            } else {
                char tmp[32];
                snprintf(tmp, sizeof tmp, "0x%" PRIxPTR, (uintptr_t)p);
                put_str(s, tmp);
            }
        }
        return;
    default:
        break;
    }
    put_str(s, "<value>");
}

int cy_value_repr(int kind, size_t vsize, const void *value, char *buf,
                  size_t size)
{
    struct sink s = { buf, size, 0 };
    put_value(&s, kind, vsize, value);
    return sink_end(&s);
}

static void put_result(struct sink *s, const cy_task *t)
{
    const cy_desc *d = t->desc;
    if (t->status != CY_FINISHED || d->result_size == 0)
        put_str(s, "None");
    else
        put_value(s, d->result_kind, d->result_size,
                  (const char *)t + d->result_offset);
}

int cy_task_result_repr(const cy_task *t, char *buf, size_t size)
{
    struct sink s = { buf, size, 0 };
    put_result(&s, t);
    return sink_end(&s);
}

/* Our own texts (glibc's wording) for the errors a task can end with:
 * strerror may use a static buffer and depends on the locale. */
static const char *error_text(int err)
{
    switch (-err) {
    case EINVAL: return "Invalid argument";
    case ENOMEM: return "Cannot allocate memory";
    case ECANCELED: return "Operation canceled";
    case EIO: return "Input/output error";
    case ENOENT: return "No such file or directory";
    case EPERM: return "Operation not permitted";
    case EACCES: return "Permission denied";
    case EAGAIN: return "Resource temporarily unavailable";
    case EBADF: return "Bad file descriptor";
    case EBUSY: return "Device or resource busy";
    case EEXIST: return "File exists";
    case EPIPE: return "Broken pipe";
    case ERANGE: return "Numerical result out of range";
    case EDOM: return "Numerical argument out of domain";
    case ENOSPC: return "No space left on device";
    case ETIMEDOUT: return "Connection timed out";
    case ENOSYS: return "Function not implemented";
    case ENOTSUP: return "Operation not supported";
    default: return NULL;
    }
}

int cy_task_repr(const cy_task *t, char *buf, size_t size)
{
    struct sink s = { buf, size, 0 };
    const char *name = t->desc->name ? t->desc->name : "?";
    put_str(&s, "<Task ");
    put_quoted(&s, name, strlen(name));
    put_str(&s, " [");
    put_str(&s, cy_status_name(t->status));
    put_char(&s, ']');
    switch (t->status) {
    case CY_CANCELLED:
        break;
    case CY_ERROR: {
        const char *text = error_text(t->err);
        const char *msg = cy_task_message(t);
        put_str(&s, " (error: ");
        if (text) {
            put_str(&s, text);
        } else {
            put_str(&s, "errno ");
            put_fmt_ll(&s, -(long long)t->err);
        }
        if (msg) {
            put_str(&s, ": ");
            put_str(&s, msg);
        }
        put_char(&s, ')');
        break;
    }
    default:
        put_str(&s, " (");
        put_result(&s, t);
        put_char(&s, ')');
        break;
    }
    put_char(&s, '>');
    return sink_end(&s);
}

int cy_task_print(const cy_task *t, void *out_file)
{
    FILE *out = out_file;
    char small[256];
    int n = cy_task_repr(t, small, sizeof small);
    char *text = small;
    if ((size_t)n >= sizeof small) {
        text = malloc((size_t)n + 1);
        if (!text)
            return -ENOMEM;
        cy_task_repr(t, text, (size_t)n + 1);
    }
    int rc = fprintf(out, "%s\n", text) < 0 ? -EIO : 0;
    if (text != small)
        free(text);
    return rc;
}
