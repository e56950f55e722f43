/*
 * depfile.c - the -MD family: which files a translation read, as a make
 * rule (see depfile.h).
 *
 * coroc reads the .cy itself and, through one preprocessor run over the
 * file's directives (typedefs.c), its headers.  The preprocessor's output
 * says which files it entered: a line marker `# LINE "NAME" 1 ...` opens
 * NAME, and a 3 among its flags marks a system header, which -MMD leaves
 * out (as gcc does).  The runtime's own coroc.h is never run through the
 * preprocessor (coroc knows its types), so it is never listed: the output
 * does not depend on it.
 */
#include "depfile.h"

#include <stdlib.h>
#include <string.h>

struct Depfile {
    bool on;          /* -MD or -MMD seen */
    bool user_only;   /* -MMD */
    bool phony;       /* -MP */
    const char *file; /* -MF, or NULL: OUTPUT.d */
    Vec targets;      /* char *, already quoted for make */
    Vec headers;      /* char *, in the order first entered */
    NameSet *seen;
};

/* s quoted for make: $ doubled, # and blanks behind a backslash. */
static char *make_quote(const char *s)
{
    size_t n = strlen(s);
    char *q = arena_alloc(2 * n + 1), *o = q;
    for (; *s; s++) {
        if (*s == '$')
            *o++ = '$';
        else if (*s == '#' || *s == ' ' || *s == '\t')
            *o++ = '\\';
        *o++ = *s;
    }
    *o = 0;
    return q;
}

int depfile_option(Depfile **dep, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (a[0] != '-' || a[1] != 'M')
        return 0;
    bool takes_arg = !strcmp(a, "-MF") || !strcmp(a, "-MT") || !strcmp(a, "-MQ");
    if (!takes_arg && strcmp(a, "-MD") && strcmp(a, "-MMD") && strcmp(a, "-MP"))
        return 0;
    if (takes_arg && *i + 1 >= argc)
        return -1;
    if (!*dep) {
        *dep = arena_alloc(sizeof **dep);
        (*dep)->seen = nameset_new();
    }
    Depfile *d = *dep;
    if (!strcmp(a, "-MD")) {
        d->on = true;
    } else if (!strcmp(a, "-MMD")) {
        d->on = true;
        d->user_only = true;
    } else if (!strcmp(a, "-MP")) {
        d->phony = true;
    } else {
        const char *v = argv[++*i];
        if (!strcmp(a, "-MF"))
            d->file = v;
        else
            vec_push(&d->targets, !strcmp(a, "-MT") ? (char *)v : make_quote(v));
    }
    return 1;
}

const char *depfile_check(const Depfile *dep, const char *output)
{
    if (!dep)
        return NULL;
    if (!dep->on)
        return "-MF, -MT, -MQ and -MP need -MD or -MMD";
    if (output && !strcmp(output, "-") && (!dep->file || !dep->targets.len))
        return "with -o -, -MD and -MMD need -MF FILE and -MT TARGET";
    return NULL;
}

/* The file name of a line marker starting at s (after `# LINE "`), with
 * its escapes (\\, \", \ooo) undone; *end is set past the closing quote. */
static char *marker_name(const char *s, const char *e, const char **end)
{
    char *name = arena_alloc((size_t)(e - s) + 1), *o = name;
    while (s < e && *s != '"') {
        if (*s == '\\' && s + 1 < e) {
            s++;
            if (*s >= '0' && *s <= '7') {
                int v = 0;
                for (int k = 0; k < 3 && s < e && *s >= '0' && *s <= '7'; k++)
                    v = v * 8 + (*s++ - '0');
                *o++ = (char)v;
                continue;
            }
        }
        *o++ = *s++;
    }
    *o = 0;
    *end = s < e ? s + 1 : e;
    return name;
}

void depfile_scan_cpp(Depfile *dep, const char *text, size_t len,
                      const char *skeleton)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        /* # DIGITS "NAME" FLAGS */
        const char *s = p;
        p = nl ? nl + 1 : end;
        if (s + 4 > e || s[0] != '#' || s[1] != ' ' || s[2] < '0' || s[2] > '9')
            continue;
        s += 2;
        while (s < e && *s >= '0' && *s <= '9')
            s++;
        if (s + 2 > e || s[0] != ' ' || s[1] != '"')
            continue;
        const char *after;
        char *name = marker_name(s + 2, e, &after);
        bool enters = false, system = false;
        for (s = after; s < e; s++) {
            if (*s == '1' && s[-1] == ' ' && (s + 1 == e || s[1] == ' '))
                enters = true;
            if (*s == '3' && s[-1] == ' ' && (s + 1 == e || s[1] == ' '))
                system = true;
        }
        if (!enters || name[0] == '<' || !strcmp(name, skeleton))
            continue;
        if (system && dep->user_only)
            continue;
        while (name[0] == '.' && name[1] == '/') /* -iquote . */
            name += 2;
        size_t n = strlen(name);
        if (nameset_has(dep->seen, name, n))
            continue;
        nameset_add(dep->seen, name, n);
        vec_push(&dep->headers, name);
    }
}

char *depfile_render(const Depfile *dep, const char *input, const char *output,
                     const char **file, size_t *len)
{
    if (!dep)
        return NULL;
    *file = dep->file ? dep->file : arena_printf("%s.d", output);
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    if (!f)
        fatal("out of memory");
    /* the targets */
    if (dep->targets.len) {
        for (int i = 0; i < dep->targets.len; i++)
            fprintf(f, "%s%s", i ? " " : "", (char *)dep->targets.data[i]);
    } else {
        fputs(make_quote(output), f);
    }
    fputc(':', f);
    /* the prerequisites, one per line */
    fprintf(f, " %s", make_quote(input));
    for (int i = 0; i < dep->headers.len; i++)
        fprintf(f, " \\\n %s", make_quote(dep->headers.data[i]));
    fputc('\n', f);
    if (dep->phony)
        for (int i = 0; i < dep->headers.len; i++)
            fprintf(f, "\n%s:\n", make_quote(dep->headers.data[i]));
    if (fclose(f) != 0)
        fatal("out of memory");
    char *out = arena_strndup(text, n);
    free(text);
    *len = n;
    return out;
}
