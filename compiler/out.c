/*
 * out.c - growable text buffers, and the #line directives that map what
 * coroc writes back to the .cy file.
 *
 * A Buf counts the newlines written (phys) and the .cy line the current
 * output line stands for (line), so that the passes that write text
 * (lower, layout, emit) can tell when a #line directive is due.
 */
#include "cc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void bput(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *nb = realloc(b->buf, cap);
        if (!nb)
            fatal("out of memory");
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') {
            b->line++;
            b->phys++;
            b->col0 = b->len - n + i + 1;
        }
}

void bputs(Buf *b, const char *s) { bput(b, s, strlen(s)); }

void bprintf(Buf *b, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < (int)sizeof small) {
        bput(b, small, (size_t)n);
    } else {
        char *s = malloc((size_t)n + 1);
        if (!s)
            fatal("out of memory");
        vsnprintf(s, (size_t)n + 1, fmt, aq);
        bput(b, s, (size_t)n);
        free(s);
    }
    va_end(aq);
}

char *btake(Buf *b)
{
    char *s = arena_strndup(b->buf ? b->buf : "", b->len);
    bfree(b);
    return s;
}

void bfree(Buf *b)
{
    free(b->buf);
    memset(b, 0, sizeof *b);
}

void bnewline(Buf *b)
{
    if (b->len && b->buf[b->len - 1] != '\n')
        bputs(b, "\n");
}

size_t bcol(const Buf *b) { return b->len - b->col0; }

static void put_quoted(Buf *b, const char *name)
{
    bputs(b, "\"");
    for (const char *p = name; *p; p++) {
        if (*p == '"' || *p == '\\')
            bputs(b, "\\");
        bput(b, p, 1);
    }
    bputs(b, "\"\n");
}

void put_line_directive(Buf *b, const Options *opt, const char *file, int line)
{
    if (!opt->line_directives)
        return;
    bnewline(b);
    bprintf(b, "#line %d ", line);
    put_quoted(b, file);
    b->line = line;
}

void put_generated_lines(Buf *b, const Options *opt)
{
    if (!opt->line_directives)
        return;
    bnewline(b);
    const char *name = opt->output && strcmp(opt->output, "-") ? opt->output : "<stdout>";
    bprintf(b, "#line %d ", b->phys + 2);
    put_quoted(b, name);
}

/* A line that starts with if (c) x; y; would make gcc's
 * -Wmisleading-indentation think y is guarded: never cut before a
 * statement that has a body. */
static bool starts_control(const char *s, size_t n)
{
    static const char *words[] = { "if", "else", "for", "while", "do", "switch" };
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t k = strlen(words[w]);
        if (n > k && !memcmp(s, words[w], k) && (s[k] == ' ' || s[k] == '(' || s[k] == '{'))
            return true;
    }
    return false;
}

/* Where a line may be cut: just after "; ", "{ " or "} " outside
 * parentheses, brackets, literals and comments.  Returns how many were
 * found (at most cap). */
static int cut_points(const char *s, size_t n, size_t *cuts, int cap)
{
    int depth = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"' || c == '\'') {
            for (i++; i < n && s[i] != c; i++)
                if (s[i] == '\\')
                    i++;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            for (i += 2; i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'); i++)
                ;
            i++;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            break;
        } else if (c == '(' || c == '[') {
            depth++;
        } else if ((c == ')' || c == ']') && depth > 0) {
            depth--;
        } else if ((c == ';' || c == '{' || c == '}') && depth == 0 && i + 1 < n &&
                   s[i + 1] == ' ' && count < cap && !starts_control(s + i + 2, n - i - 2)) {
            cuts[count++] = i + 2;
        }
    }
    return count;
}

char *wrap_long_lines(const char *text, const Options *opt, const char *file, int max)
{
    Buf b = {0};
    int line = 0; /* the .cy line of the next output line, 0 if unknown */
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *next = nl ? nl + 1 : p + n;
        if (n > 6 && !memcmp(p, "#line ", 6)) {
            line = atoi(p + 6);
            bput(&b, p, (size_t)(next - p));
            p = next;
            continue;
        }
        size_t cuts[512];
        int ncut = (int)n > max && p[0] != '#' && p[n - 1] != '\\'
                   ? cut_points(p, n, cuts, 512) : 0;
        size_t indent = 0;
        while (indent < n && p[indent] == ' ')
            indent++;
        size_t start = 0;
        bool cut = false;
        for (int k = 0; k < ncut; k++) {
            /* cut at the last point that keeps the piece within max */
            size_t lead = cut ? indent + 4 : 0;
            if (lead + (n - start) <= (size_t)max)
                break;
            if (k + 1 < ncut && lead + cuts[k + 1] - start <= (size_t)max)
                continue;
            if (cuts[k] >= n)
                break;
            if (cut)
                for (size_t i = 0; i < indent + 4; i++)
                    bputs(&b, " ");
            bput(&b, p + start, cuts[k] - start - 1);
            bputs(&b, "\n");
            if (opt->line_directives && line)
                put_line_directive(&b, opt, file, line);
            start = cuts[k];
            cut = true;
        }
        if (cut)
            for (size_t i = 0; i < indent + 4; i++)
                bputs(&b, " ");
        bput(&b, p + start, (size_t)(next - p) - start);
        if (cut && opt->line_directives && line && nl && next[0] && strncmp(next, "#line ", 6))
            put_line_directive(&b, opt, file, line + 1);
        if (line)
            line++;
        p = next;
    }
    return btake(&b);
}

/* ---- writing the output file ---- */

bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!strcmp(a, "-") || !strcmp(b, "-"))
        return false;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

static bool cannot(const char *what, const char *name)
{
    fprintf(stderr, "coroc: error: cannot %s '%s': %s\n", what, name, strerror(errno));
    return false;
}

/* The file a path finally names: a symbolic link's target, followed
 * (relative to the link's directory) even when it does not exist yet. */
static const char *final_target(const char *name)
{
    for (int depth = 0; depth < 40; depth++) {
        struct stat st;
        if (lstat(name, &st) != 0 || !S_ISLNK(st.st_mode))
            return name;
        char buf[4096];
        ssize_t n = readlink(name, buf, sizeof buf - 1);
        if (n < 0)
            return name;
        buf[n] = 0;
        const char *slash = strrchr(name, '/');
        if (buf[0] == '/' || !slash)
            name = arena_strndup(buf, (size_t)n);
        else
            name = arena_printf("%.*s/%s", (int)(slash - name), name, buf);
    }
    return name;
}

bool write_output(const char *name, const char *data, size_t len)
{
    if (!strcmp(name, "-")) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, "coroc: error: cannot write to standard output: %s\n",
                    strerror(errno ? errno : EIO));
            return false;
        }
        return true;
    }
    const char *target = final_target(name);
    struct stat st;
    bool exists = stat(target, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return cannot("write", name);
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* a device, a FIFO, a socket: written as it is, never replaced */
        int fd = open(target, O_WRONLY | O_NOCTTY);
        if (fd < 0)
            return cannot("write", name);
        bool ok = write_all(fd, data, len);
        int saved = errno;
        if (close(fd) != 0 && ok)
            return cannot("write", name);
        errno = saved;
        return ok || cannot("write", name);
    }
    char *tmp = arena_printf("%s.XXXXXX", target);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return cannot("write", name);
    /* the mode an existing file had, else what a new file gets */
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    bool ok = fchmod(fd, mode) == 0 && write_all(fd, data, len);
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, target) == 0)
        return true;
    if (!ok)
        errno = saved ? saved : errno;
    int err = errno;
    unlink(tmp);
    errno = err;
    return cannot("write", name);
}
