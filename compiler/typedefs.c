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
/* Remember a macro's expansion words, less its parameters, under the key
 * "(NAME" (apart from type names). */
static void record_macro(const char *name, size_t nlen, const char *s, const char *e,
                         NameSet *out)
{
    Macro *m = arena_alloc(sizeof *m);
    Vec params = {0};
    if (s < e && *s == '(') {
        m->function_like = true;
        for (s++; s < e && *s != ')'; s++)
            if (isalpha((unsigned char)*s) || *s == '_') {
                const char *b = s;
                while (s + 1 < e && (isalnum((unsigned char)s[1]) || s[1] == '_'))
                    s++;
                vec_push(&params, arena_strndup(b, (size_t)(s - b + 1)));
            }
        if (s < e)
            s++;
    }
    while (s < e) {
        if (*s == '"' || *s == '\'') {
            char q = *s;
            for (s++; s < e && *s != q; s++)
                if (*s == '\\')
                    s++;
            s++;
            continue;
        }
        if (isalpha((unsigned char)*s) || *s == '_') {
            const char *b = s;
            while (s < e && (isalnum((unsigned char)*s) || *s == '_'))
                s++;
            char *w = arena_strndup(b, (size_t)(s - b));
            bool param = false;
            for (int i = 0; i < params.len; i++)
                if (!strcmp(params.data[i], w))
                    param = true;
            if (!param && strcmp(w, "__VA_ARGS__"))
                vec_push(&m->words, w);
            continue;
        }
        if (isdigit((unsigned char)*s)) {
            while (s < e && (isalnum((unsigned char)*s) || *s == '.' || *s == '_'))
                s++;
            continue;
        }
        s++;
    }
    char *key = arena_printf("(%.*s", (int)nlen, name);
    nameset_put(out, key, nlen + 1, m);
}

const Macro *find_macro(const NameSet *s, const char *name, size_t len)
{
    char key[256];
    if (len + 2 > sizeof key)
        return NULL;
    key[0] = '(';
    memcpy(key + 1, name, len);
    return nameset_get(s, key, len + 1);
}

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
    if (nlen)
        record_macro(name, nlen, s, e, out);
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

/* What the run gave back, lexed (for collect_header_coroutines). */
static Source *headers_src;
static TokenList *headers_tl;

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

/* The directory of the runtime's headers, for a user header that includes
 * coroc.h itself: next to coroc's executable, installed (bin/../include) or
 * in the build tree (build/../runtime).  NULL if neither has coroc.h. */
static const char *runtime_include_dir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = 0;
    static const char *rel[] = { "/../include", "/../runtime" };
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        char *dir = arena_printf("%s%s", exe, rel[i]);
        if (access(arena_printf("%s/coroc.h", dir), R_OK) == 0)
            return dir;
    }
    return NULL;
}

/* Is this directive an #include of the runtime's own headers? */
static bool includes_runtime(const char *s, int n)
{
    static const char *names[] = { "coroc.h", "coroc_gen.h" };
    for (size_t w = 0; w < sizeof names / sizeof *names; w++) {
        int k = (int)strlen(names[w]);
        for (int i = 0; i + k + 1 <= n; i++)
            if ((s[i] == '<' || s[i] == '"' || s[i] == '/') && !memcmp(s + i + 1, names[w], (size_t)k) &&
                (i + 1 + k == n || s[i + 1 + k] == '>' || s[i + 1 + k] == '"'))
                return true;
    }
    return false;
}

static void put_c_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

bool collect_header_typedefs(const Options *opt, const Source *src,
                             const TokenList *tl, NameSet *out)
{
    /* the skeleton: the file's directives, each on its own line and marked
     * with its line in the .cy, so that the preprocessor's messages point
     * there; alone in a private directory, so that a quoted include finds
     * nothing but what the input's directory and the -I options hold */
    char dirtmpl[] = "/tmp/coroc-XXXXXX";
    if (!mkdtemp(dirtmpl)) {
        fprintf(stderr, "coroc: error: cannot create a temporary directory for the preprocessor run: %s\n",
                strerror(errno));
        return false;
    }
    char *tmpl = arena_printf("%s/directives.c", dirtmpl);
    char *errname = arena_printf("%s/stderr", dirtmpl);
    FILE *sk = fopen(tmpl, "w");
    if (!sk) {
        fprintf(stderr, "coroc: error: cannot write '%s': %s\n", tmpl, strerror(errno));
        rmdir(dirtmpl);
        return false;
    }
    bool any = false;
    for (int i = 0; i < tl->ntoks; i++) {
        const Token *t = &tl->toks[i];
        if (t->kind == PP_LINE) {
            /* coroc knows the runtime's own types; its header need not be
             * on the preprocessor's path */
            const char *s = tok_text(src, t);
            int n = tok_len(t);
            if (includes_runtime(s, n))
                continue;
            int line, col;
            source_pos(src, t->start, &line, &col);
            fprintf(sk, "#line %d ", line);
            put_c_string(sk, src->name);
            fprintf(sk, "\n%.*s\n", n, s);
            any = true;
        }
    }
    bool written = fclose(sk) == 0;
    if (!any || !written) {
        unlink(tmpl);
        rmdir(dirtmpl);
        if (!written)
            fprintf(stderr, "coroc: error: cannot write '%s'\n", tmpl);
        return written;
    }

    /* the command: cpp -iquote <dir of input> options skeleton */
    char *cmd = NULL;
    size_t cmdlen = 0;
    FILE *c = open_memstream(&cmd, &cmdlen);
    /* -dD: keep the #defines; __COROC__: the headers are read by coroc
     * (coroc.h's CY_COROUTINE then spells a coroutine prototype) */
    fprintf(c, "%s -dD -D__COROC__=1 -x c ", opt->cpp);
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
    const char *rt = runtime_include_dir();
    if (rt) {
        fputs(" -idirafter ", c);
        shell_quote(c, rt);
    }
    fputc(' ', c);
    shell_quote(c, tmpl);
    fputs(" </dev/null 2>", c);
    shell_quote(c, errname);
    fclose(c);

    FILE *p = popen(cmd, "r");
    free(cmd);
    if (!p) {
        unlink(tmpl);
        rmdir(dirtmpl);
        fprintf(stderr, "coroc: error: cannot run the preprocessor '%s': %s (--no-cpp does without it)\n",
                opt->cpp, strerror(errno));
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
        /* its own message, which points at the .cy's lines */
        fprintf(stderr, "coroc: error: the preprocessor ('%s') failed on the directives of %s:\n",
                opt->cpp, src->name);
        FILE *ef = fopen(errname, "r");
        char line[1024];
        bool said = false;
        while (ef && fgets(line, sizeof line, ef)) {
            fputs(line, stderr);
            said = true;
        }
        if (ef)
            fclose(ef);
        if (!said)
            fprintf(stderr, "(it exited with status %d and said nothing)\n", status);
        unlink(errname);
        rmdir(dirtmpl);
        return false;
    }
    unlink(errname);
    rmdir(dirtmpl);
    if (opt->dep)
        depfile_scan_cpp(opt->dep, buf, len, tmpl);
    Source pp = { .name = "<preprocessed>", .text = arena_strndup(buf, len),
                  .len = len, .quiet = true };
    free(buf);
    source_index_lines(&pp);
    TokenList ptl = {0};
    lex_source(&pp, &ptl);
    collect_typedefs(&pp, &ptl, out);
    learn_macros(&pp, &ptl, src->name, out);
    /* kept for collect_header_coroutines */
    headers_src = arena_alloc(sizeof *headers_src);
    *headers_src = pp;
    headers_tl = arena_alloc(sizeof *headers_tl);
    *headers_tl = ptl;
    return true;
}

/* ---- coroutine prototypes of the headers ---- */

/* "file:line" of token i of the preprocessed headers, from the last line
 * marker (# LINE "FILE") before it. */
static const char *header_where(const Source *pp, const TokenList *tl, int i)
{
    int line, col;
    source_pos(pp, tl->toks[i].start, &line, &col);
    for (int k = i - 1; k >= 0; k--) {
        const Token *t = &tl->toks[k];
        if (t->kind != PP_LINE)
            continue;
        const char *s = tok_text(pp, t), *e = s + tok_len(t);
        s++;
        while (s < e && *s == ' ')
            s++;
        if (!strncmp(s, "line", 4))
            s += 4;
        char *end;
        long n = strtol(s, &end, 10);
        if (end == s)
            continue;
        const char *q = memchr(end, '"', (size_t)(e - end));
        if (!q)
            continue;
        const char *qe = memchr(q + 1, '"', (size_t)(e - q - 1));
        if (!qe)
            continue;
        int mline, mcol;
        source_pos(pp, t->start, &mline, &mcol);
        q++;
        if (qe - q > 2 && q[0] == '.' && q[1] == '/')
            q += 2; /* ./net.h, found through -iquote . */
        return arena_printf("%.*s:%ld", (int)(qe - q), q, n + (line - mline - 1));
    }
    return arena_printf("<headers>:%d", line);
}

/* A header that spells a prototype with the keyword (coroutine int
 * f(void);) is read by coroc, but also by the C compiler that compiles
 * coroc's output, which keeps the #include and cannot read it: say so,
 * unless the header tests __COROC__ itself (it then hides the line from
 * C compilers).  where is "file:line". */
static void check_keyword_in_header(const Coroutine *co)
{
    const char *colon = strrchr(co->where, ':');
    if (!colon)
        return;
    char *file = arena_strndup(co->where, (size_t)(colon - co->where));
    long line = strtol(colon + 1, NULL, 10);
    FILE *f = fopen(file, "r");
    if (!f)
        return;
    char buf[4096];
    bool keyword = false, guarded = false;
    for (long n = 1; fgets(buf, sizeof buf, f); n++) {
        if (strstr(buf, "__COROC__"))
            guarded = true;
        if (n != line)
            continue;
        for (char *p = buf; (p = strstr(p, "coroutine")) != NULL; p += 9)
            if ((p == buf || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
                !(isalnum((unsigned char)p[9]) || p[9] == '_'))
                keyword = true;
    }
    fclose(f);
    if (keyword && !guarded)
        fprintf(stderr, "%s: warning: coroutine '%s' is declared with the keyword in a header, "
                        "which the C compiler reads too (coroc's output keeps the #include) "
                        "and cannot: write CY_COROUTINE(T) %s(...) of coroc.h instead\n",
                co->where, co->name, co->name);
}

void collect_header_coroutines(const NameSet *names, Vec *out)
{
    if (!headers_src)
        return;
    /* and the headers' plain functions (unsigned sleep(unsigned)), which
     * an await is refused */
    collect_plain_declarations(headers_src, headers_tl);
    bool any = false;
    for (int i = 0; i < headers_tl->ntoks && !any; i++)
        any = headers_tl->toks[i].kind == COROUTINE;
    if (!any)
        return;
    Vec pieces = {0};
    /* a quiet source: what the headers' text holds is the C compiler's to
     * report, and a prototype coroc cannot read is left out */
    split_file(headers_src, headers_tl, &pieces);
    for (int i = 0; i < pieces.len; i++) {
        Piece *p = pieces.data[i];
        if (p->kind != P_CORO)
            continue;
        Coroutine *co = parse_coroutine(headers_src, headers_tl, (NameSet *)names, p->first, p->end);
        if (!co || co->body)
            continue;
        analyze_coroutine(headers_src, headers_tl, names, co, out);
        co->from_header = true;
        co->where = header_where(headers_src, headers_tl, co->name_tok);
        check_keyword_in_header(co);
        vec_push(out, co);
    }
}
