/*
 * typedefs.c - learning which identifiers name types.
 *
 * C cannot be parsed without knowing typedef names (FILE *f; against
 * a * b;).  coroc learns them from two places:
 *   - the file itself: every file-scope typedef, in every branch of its
 *     conditionals;
 *   - its headers: coroc runs the C preprocessor (cc -E, with the -I, -D
 *     and -U options it was given) over the file's directives alone, the
 *     code lines left out, and reads the typedefs of what comes back.
 * A typedef declaration is read without a full parse: after the word
 * typedef, each declarator's name is its last identifier outside
 * brackets, braces and parameter lists.
 */
#include "cc.h"
#include "depfile.h"
#include "parser.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* ---- reading typedef declarations ---- */

static bool opens(int k) { return k == '(' || k == '[' || k == '{'; }
static bool closes(int k) { return k == ')' || k == ']' || k == '}'; }

/* index of the token that closes the group opened at i */
static int skip_group(const TokenList *tl, int i, int end)
{
    int depth = 0;
    for (; i < end; i++) {
        if (opens(tl->toks[i].kind))
            depth++;
        else if (closes(tl->toks[i].kind) && --depth == 0)
            return i;
    }
    return end - 1;
}

/* A '(' after these starts a list that declares no name of the typedef. */
static bool paren_skips(const Source *src, const TokenList *tl, int i,
                        const NameSet *known)
{
    if (i == 0)
        return false;
    const Token *prev = &tl->toks[i - 1];
    switch (prev->kind) {
    case ')': case ']':
    case ATTRIBUTE: case ASM: case TYPEOF: case ATOMIC: case ALIGNAS:
    case ALIGNOF: case SIZEOF:
        return true;
    case IDENTIFIER:
        /* T (*p)(void): a type name before a grouping parenthesis */
        return !nameset_has(known, tok_text(src, prev), (size_t)tok_len(prev));
    default:
        return false;
    }
}

/* Declarators of the typedef whose keyword is at index i; returns the
 * index of its ';'. */
static int read_typedef(const Source *src, const TokenList *tl, int i,
                        int end, NameSet *out)
{
    int last_id = -1;
    for (i = i + 1; i < end; i++) {
        int k = tl->toks[i].kind;
        if (k == ';' || k == ',') {
            if (last_id >= 0)
                nameset_add(out, tok_text(src, &tl->toks[last_id]),
                            (size_t)tok_len(&tl->toks[last_id]));
            last_id = -1;
            if (k == ';')
                return i;
        } else if (k == '{' || k == '[') {
            i = skip_group(tl, i, end);
        } else if (k == '(') {
            if (paren_skips(src, tl, i, out))
                i = skip_group(tl, i, end);
        } else if (k == IDENTIFIER) {
            last_id = i;
        } else if (k == '}') {
            return i; /* unbalanced: give up on this one */
        }
    }
    return end;
}

/* ---- macros that stand for types or keywords ---- */

/* C11's headers spell some keywords as macros (<stdbool.h> bool,
 * <stdalign.h> alignas, <stdnoreturn.h> noreturn, <assert.h> static_assert,
 * <threads.h> thread_local, <complex.h> complex); a program may too
 * (#define u32 unsigned int).  coroc does not expand macros, so it learns
 * the object-like ones whose expansion is a type, or one of these keywords. */
static const struct { const char *spelling; int kind; } keyword_words[] = {
    {"_Alignas", ALIGNAS}, {"_Alignof", ALIGNOF}, {"_Noreturn", NORETURN},
    {"_Static_assert", STATIC_ASSERT}, {"_Thread_local", THREAD_LOCAL},
    {"_Complex", COMPLEX}, {"_Imaginary", IMAGINARY}, {"_Atomic", ATOMIC},
};

static bool is_type_word(const char *w, size_t n, const NameSet *known)
{
    static const char *words[] = {
        "void", "char", "short", "int", "long", "float", "double", "signed",
        "unsigned", "_Bool", "_Complex", "__int128", "const", "volatile",
        "restrict", "__signed__", "__const", "__restrict", "*",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && !memcmp(words[i], w, n))
            return true;
    return nameset_has(known, w, n);
}

/* One #define line: NAME and its expansion as words. */
static void read_define(const char *s, size_t len, NameSet *out)
{
    const char *e = s + len;
    while (s < e && (*s == ' ' || *s == '\t' || *s == '#'))
        s++;
    if ((size_t)(e - s) < 7 || memcmp(s, "define", 6) || (s[6] != ' ' && s[6] != '\t'))
        return;
    s += 7;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    const char *name = s;
    while (s < e && (isalnum((unsigned char)*s) || *s == '_'))
        s++;
    size_t nlen = (size_t)(s - name);
    if (!nlen || (s < e && *s == '('))
        return; /* function-like */
    /* the expansion's words */
    const char *w[16];
    size_t wl[16];
    int nw = 0;
    while (s < e && nw < 16) {
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        if (s >= e)
            break;
        if (*s == '/' && s + 1 < e && (s[1] == '/' || s[1] == '*'))
            break; /* a comment ends it, for this purpose */
        const char *b = s;
        if (*s == '*') {
            s++;
        } else {
            while (s < e && (isalnum((unsigned char)*s) || *s == '_'))
                s++;
            if (s == b)
                return; /* punctuation: not a type */
        }
        w[nw] = b;
        wl[nw++] = (size_t)(s - b);
    }
    if (nw == 0 || s < e)
        return;
    if (nw == 1)
        for (size_t i = 0; i < sizeof keyword_words / sizeof *keyword_words; i++)
            if (strlen(keyword_words[i].spelling) == wl[0] &&
                !memcmp(keyword_words[i].spelling, w[0], wl[0])) {
                char key[80];
                if (nlen + 2 > sizeof key)
                    return;
                key[0] = '#';
                memcpy(key + 1, name, nlen);
                nameset_add(out, key, nlen + 1);
                return;
            }
    bool tagged = nw == 2 && ((wl[0] == 6 && (!memcmp(w[0], "struct", 6))) ||
                              (wl[0] == 5 && !memcmp(w[0], "union", 5)) ||
                              (wl[0] == 4 && !memcmp(w[0], "enum", 4)));
    if (!tagged)
        for (int i = 0; i < nw; i++)
            if (!is_type_word(w[i], wl[i], out) || (i == 0 && *w[i] == '*'))
                return;
    nameset_add(out, name, nlen);
}

int keyword_macro(const NameSet *s, const char *name, size_t len)
{
    char key[80];
    if (len + 2 > sizeof key)
        return 0;
    key[0] = '#';
    memcpy(key + 1, name, len);
    if (!nameset_has(s, key, len + 1))
        return 0;
    /* which keyword: look the macro up again in the directives is costly;
     * the table of standard spellings decides */
    static const struct { const char *name; int kind; } std[] = {
        {"alignas", ALIGNAS}, {"alignof", ALIGNOF}, {"noreturn", NORETURN},
        {"static_assert", STATIC_ASSERT}, {"thread_local", THREAD_LOCAL},
        {"complex", COMPLEX}, {"imaginary", IMAGINARY},
    };
    for (size_t i = 0; i < sizeof std / sizeof *std; i++)
        if (strlen(std[i].name) == len && !memcmp(std[i].name, name, len))
            return std[i].kind;
    return 0;
}

/* Type names every file may use without declaring them: the compilers'
 * own, and the runtime's (coroc inserts its header itself). */
void add_builtin_typedefs(NameSet *out)
{
    static const char *names[] = {
        "__builtin_va_list", "_Float16", "_Float32", "_Float64", "_Float128",
        "_Float32x", "_Float64x", "__int128_t", "__uint128_t",
#include "runtime_types.h"
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        nameset_add(out, names[i], strlen(names[i]));
}

void collect_typedefs(const Source *src, const TokenList *tl, NameSet *out)
{
    int depth = 0;
    for (int i = 0; i < tl->ntoks; i++) {
        int k = tl->toks[i].kind;
        if (k == '{')
            depth++;
        else if (k == '}')
            depth = depth > 0 ? depth - 1 : 0;
        else if (k == TYPEDEF && depth == 0)
            i = read_typedef(src, tl, i, tl->ntoks, out);
        else if (k == PP_LINE)
            read_define(tok_text(src, &tl->toks[i]), (size_t)tok_len(&tl->toks[i]), out);
    }
}

/* ---- the preprocessor run ---- */

static void shell_quote(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", f);
        else
            fputc(*s, f);
    }
    fputc('\'', f);
}

bool collect_header_typedefs(const Options *opt, const Source *src,
                             const TokenList *tl, NameSet *out)
{
    /* the skeleton: the file's directives, each on its own line */
    char tmpl[] = "/tmp/coroc-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        fprintf(stderr, "coroc: warning: cannot create a temporary file (%s): typedef names from headers are not known\n",
                strerror(errno));
        return false;
    }
    FILE *sk = fdopen(fd, "w");
    bool any = false;
    for (int i = 0; i < tl->ntoks; i++) {
        const Token *t = &tl->toks[i];
        if (t->kind == PP_LINE) {
            /* coroc knows the runtime's own types; its header may not be
             * on the preprocessor's path, which would fail the whole run */
            const char *s = tok_text(src, t);
            int n = tok_len(t);
            bool runtime_header = false;
            for (int k = 0; k + 7 <= n; k++)
                if (!memcmp(s + k, "coroc.h", 7))
                    runtime_header = true;
            if (runtime_header)
                continue;
            fprintf(sk, "%.*s\n", n, s);
            any = true;
        }
    }
    fclose(sk);
    if (!any) {
        unlink(tmpl);
        return true;
    }

    /* the command: cpp -iquote <dir of input> options skeleton */
    char *cmd = NULL;
    size_t cmdlen = 0;
    FILE *c = open_memstream(&cmd, &cmdlen);
    fprintf(c, "%s -dD -x c ", opt->cpp); /* -dD: keep the #defines */
    const char *slash = strrchr(src->name, '/');
    fputs("-iquote ", c);
    if (slash) {
        char *dir = arena_strndup(src->name, (size_t)(slash - src->name));
        shell_quote(c, dir[0] ? dir : "/");
    } else {
        fputs(".", c);
    }
    for (int i = 0; i < opt->cpp_args.len; i++) {
        fputc(' ', c);
        shell_quote(c, opt->cpp_args.data[i]);
    }
    fputc(' ', c);
    shell_quote(c, tmpl);
    fputs(" </dev/null 2>/dev/null", c);
    fclose(c);

    FILE *p = popen(cmd, "r");
    free(cmd);
    if (!p) {
        unlink(tmpl);
        fprintf(stderr, "coroc: warning: cannot run the preprocessor '%s': typedef names from headers are not known\n", opt->cpp);
        return false;
    }
    /* read all of it */
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        fatal("out of memory");
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 4096) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                fatal("out of memory");
            buf = nb;
        }
    }
    buf[len] = 0;
    int status = pclose(p);
    unlink(tmpl);
    if (status != 0) {
        free(buf);
        fprintf(stderr, "coroc: warning: the preprocessor ('%s') failed on the directives of %s: typedef names from headers are not known (run '%s' on it to see why)\n",
                opt->cpp, src->name, opt->cpp);
        return false;
    }
    if (opt->dep)
        depfile_scan_cpp(opt->dep, buf, len, tmpl);
    Source pp = { .name = "<preprocessed>", .text = arena_strndup(buf, len),
                  .len = len, .quiet = true };
    free(buf);
    source_index_lines(&pp);
    TokenList ptl = {0};
    lex_source(&pp, &ptl);
    collect_typedefs(&pp, &ptl, out);
    return true;
}
