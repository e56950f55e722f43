/*
 * split.c - cutting the file into what coroc copies and what it compiles.
 *
 * The file is a sequence of external declarations (6.9).  Each one that
 * holds the word coroutine at its top level (a coroutine prototype or
 * definition) becomes a P_CORO piece for the parser; everything else,
 * directives and comments included, is a P_TEXT piece copied byte for byte.
 *
 * An external declaration ends at a ';' outside any bracket, or at the '}'
 * that closes a function body.  A '{' opens a function body when it
 * follows a ')' and is neither an initialiser nor a struct, union or enum
 * body.
 */
#include "cc.h"
#include "parser.h"

#include <string.h>

/* Is the '{' at index i the body of a struct, union or enum? */
static bool aggregate_brace(const TokenList *tl, int i, int begin)
{
    int j = i - 1;
    /* skip __attribute__((...)) groups and a tag */
    for (;;) {
        if (j < begin)
            return false;
        int k = tl->toks[j].kind;
        if (k == IDENTIFIER || k == TYPEDEF_NAME) {
            j--;
            continue;
        }
        if (k == ')') {
            int depth = 0;
            for (; j >= begin; j--) {
                if (tl->toks[j].kind == ')')
                    depth++;
                else if (tl->toks[j].kind == '(' && --depth == 0)
                    break;
            }
            j--;
            if (j >= begin && tl->toks[j].kind == '(')
                j--;
            if (j >= begin && (tl->toks[j].kind == ATTRIBUTE || tl->toks[j].kind == ASM)) {
                j--;
                continue;
            }
            return false;
        }
        return k == STRUCT || k == UNION || k == ENUM;
    }
}

static void outside_error(Source *src, const Token *t)
{
    if (t->kind == COROUTINE)
        error_at(src, t->start, "a coroutine must be declared at file scope");
    else
        error_at(src, t->start, "'%.*s' outside a coroutine", tok_len(t),
                 tok_text(src, t));
}

/* coroc's words are C identifiers outside coroutines (l->try, s.defer, a
 * function named yield): only one that starts a statement the way coroc's
 * construct would (yield x;, await f();, throw E;, defer f();, try {) is
 * a mistake worth a message of coroc's own (yield(x) may be a call). */
static bool used_as_construct(const TokenList *tl, int i)
{
    int prev = i > 0 ? tl->toks[i - 1].kind : ';';
    if (prev == '.' || prev == ARROW || prev == STRUCT || prev == UNION || prev == ENUM ||
        i + 1 >= tl->ntoks)
        return false;
    int next = tl->toks[i + 1].kind;
    /* a word then an operand: never C (await f(), throw EIO, yield x) */
    if (next == IDENTIFIER || next == TYPEDEF_NAME || next == CONSTANT || next == STRING_LITERAL)
        return true;
    bool head = prev == ';' || prev == '{' || prev == '}' || prev == ')' || prev == ':' ||
                prev == ELSE || prev == DO || prev == PP_LINE;
    if (!head)
        return false;
    /* at a statement's start: yield; try { defer { throw -E; */
    return next == '{' || (tl->toks[i].kind == YIELD && next == ';') ||
           ((tl->toks[i].kind == THROW || tl->toks[i].kind == YIELD) &&
            (next == '-' || next == '!' || next == '~'));
}

/* Is the directive #if 0, or a test of __cplusplus (#ifdef __cplusplus,
 * #if defined(__cplusplus), #if __cplusplus): a branch that a C compiler
 * never takes, whose text may not even be C (Lua's ldo.c has try/catch
 * there)? */
static bool is_if0(const Source *src, const Token *t);

bool never_taken_if(const Source *src, const Token *t)
{
    const char *s = tok_text(src, t), *e = s + tok_len(t);
    while (s < e && (*s == ' ' || *s == '\t' || *s == '#'))
        s++;
    const char *w = s;
    while (w < e && *w != ' ' && *w != '\t' && *w != '(')
        w++;
    size_t n = (size_t)(w - s);
    while (w < e && (*w == ' ' || *w == '\t'))
        w++;
    const char *rest = w;
    size_t rn = (size_t)(e - rest);
    while (rn && (rest[rn - 1] == ' ' || rest[rn - 1] == '\t' || rest[rn - 1] == '\r'))
        rn--;
    if (n == 5 && !memcmp(s, "ifdef", 5))
        return rn == 11 && !memcmp(rest, "__cplusplus", 11);
    if (n != 2 || memcmp(s, "if", 2))
        return false;
    return (rn == 11 && !memcmp(rest, "__cplusplus", 11)) ||
           (rn == 20 && !memcmp(rest, "defined(__cplusplus)", 20)) ||
           (rn == 19 && !memcmp(rest, "defined __cplusplus", 19)) ||
           is_if0(src, t);
}

/* Is the directive #if 0? */
static bool is_if0(const Source *src, const Token *t)
{
    const char *s = tok_text(src, t), *e = s + tok_len(t);
    while (s < e && (*s == ' ' || *s == '\t' || *s == '#'))
        s++;
    if (e - s < 3 || memcmp(s, "if", 2) || (s[2] != ' ' && s[2] != '\t'))
        return false;
    s += 3;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    return s < e && *s == '0' && (s + 1 == e || s[1] == ' ' || s[1] == '\t' || s[1] == '/');
}

/* The directive's name: if, ifdef, ifndef, elif, else, endif, ... */
static bool directive_is(const Source *src, const Token *t, const char *name)
{
    const char *s = tok_text(src, t), *e = s + tok_len(t);
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if (s < e && *s == '#')
        s++;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    size_t n = strlen(name);
    return (size_t)(e - s) >= n && !memcmp(s, name, n) &&
           ((size_t)(e - s) == n || !((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_'));
}

/* From the #if 0 at i, the index of the directive that ends its branch
 * (#else, #elif or #endif at its level), or n. */
int skip_if0(const Source *src, const TokenList *tl, int i)
{
    int depth = 0;
    for (i++; i < tl->ntoks; i++) {
        const Token *t = &tl->toks[i];
        if (t->kind != PP_LINE)
            continue;
        if (directive_is(src, t, "if") || directive_is(src, t, "ifdef") ||
            directive_is(src, t, "ifndef"))
            depth++;
        else if (directive_is(src, t, "endif") && depth-- == 0)
            return i;
        else if ((directive_is(src, t, "else") || directive_is(src, t, "elif")) && depth == 0)
            return i;
    }
    return i;
}

static void add_piece(Vec *pieces, PieceKind kind, int first, int end)
{
    Piece *p = arena_alloc(sizeof *p);
    p->kind = kind;
    p->first = first;
    p->end = end;
    vec_push(pieces, p);
}

void split_file(Source *src, TokenList *tl, Vec *pieces)
{
    int i = 0, n = tl->ntoks;
    int text_start = 0;
    while (i < n) {
        if (tl->toks[i].kind == PP_LINE) {
            /* the text of a branch a C compiler never takes (#if 0,
             * #ifdef __cplusplus) may not be C: copy it unread */
            i = never_taken_if(src, &tl->toks[i]) ? skip_if0(src, tl, i) : i + 1;
            continue;
        }
        /* one external declaration from i */
        int begin = i, depth = 0, coro = -1;
        bool saw_assign = false, done = false, has_defer = false;
        for (; i < n && !done; i++) {
            const Token *t = &tl->toks[i];
            switch (t->kind) {
            case COROUTINE:
                if (depth == 0 && coro < 0)
                    coro = i;
                else if (depth > 0 && coro < 0)
                    outside_error(src, t);
                break;
            case YIELD:
            case AWAIT:
            case THROW:
            case DEFER:
            case TRY:
                if (coro < 0 && used_as_construct(tl, i))
                    outside_error(src, t);
                break;
            case '=':
                if (depth == 0)
                    saw_assign = true;
                break;
            case '(': case '[':
                depth++;
                break;
            case ')': case ']':
                if (depth > 0)
                    depth--;
                break;
            case '{':
                if (depth == 0 && !saw_assign && i > begin &&
                    !aggregate_brace(tl, i, begin)) {
                    /* a function body: the declaration ends at its '}' */
                    int d = 0;
                    for (; i < n; i++) {
                        int k = tl->toks[i].kind;
                        if (k == '{')
                            d++;
                        else if (k == '}' && --d == 0)
                            break;
                        else if (coro < 0 && k == COROUTINE)
                            outside_error(src, &tl->toks[i]);
                        else if (coro < 0 && k == DEFER && used_as_construct(tl, i))
                            has_defer = true; /* a plain function with defer */
                        else if (coro < 0 && (k == YIELD || k == AWAIT || k == THROW ||
                                              k == TRY) && used_as_construct(tl, i))
                            outside_error(src, &tl->toks[i]);
                    }
                    done = true;
                    break;
                }
                depth++;
                break;
            case '}':
                if (depth > 0)
                    depth--;
                break;
            case ';':
                if (depth == 0)
                    done = true;
                break;
            }
        }
        if (coro >= 0 || has_defer) {
            if (text_start < begin)
                add_piece(pieces, P_TEXT, text_start, begin);
            text_start = i < n ? i : n;
            add_piece(pieces, coro >= 0 ? P_CORO : P_FUNC, begin, text_start);
        }
    }
    if (text_start < n)
        add_piece(pieces, P_TEXT, text_start, n);
}
