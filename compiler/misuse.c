/*
 * misuse.c - the mistakes people make with coroutines outside coroutine
 * bodies, found in the text coroc otherwise copies unread:
 *   - the plain C functions the file or its headers declare or define
 *     whose result surely is no task handle (int plain(int);, unsigned
 *     sleep(unsigned);), so that an await of one is refused (analyze.c);
 *   - a call of a coroutine as a statement in a plain function (work(1);):
 *     the task is dropped, never runs, and its frame leaks.
 * Both read tokens only, and say nothing where they cannot be sure.
 */
#include "cc.h"
#include "parser.h"

#include <string.h>

Vec plain_functions;

/* A declaration specifier that cannot make a result a task handle. */
static bool plain_spec(int kind)
{
    switch (kind) {
    case VOID: case CHAR: case SHORT: case INT: case LONG: case FLOAT: case DOUBLE:
    case SIGNED: case UNSIGNED: case BOOL: case COMPLEX: case CONST: case VOLATILE:
    case STATIC: case EXTERN: case INLINE: case NORETURN: case INT128:
        return true;
    default:
        return false;
    }
}

/* One file-scope declaration [first, end): if it declares a function
 * NAME(...) whose specifiers are keywords only (and struct, union or enum
 * tags) and whose declarator has no '*', record it. */
static void plain_declaration(const Source *src, const TokenList *tl, int first, int end)
{
    int i = first;
    bool any = false;
    for (; i < end; i++) {
        int k = tl->toks[i].kind;
        if (plain_spec(k)) {
            any = true;
        } else if ((k == STRUCT || k == UNION || k == ENUM) && i + 1 < end &&
                   tl->toks[i + 1].kind == IDENTIFIER &&
                   (i + 2 >= end || tl->toks[i + 2].kind != '{')) {
            any = true;
            i++;
        } else {
            break;
        }
    }
    if (!any || i + 1 >= end || tl->toks[i].kind != IDENTIFIER || tl->toks[i + 1].kind != '(')
        return;
    PlainFunction *f = arena_alloc(sizeof *f);
    f->name = arena_strndup(tok_text(src, &tl->toks[i]), (size_t)tok_len(&tl->toks[i]));
    /* the result type: the specifiers less the storage class and inline */
    Buf b = {0};
    for (int k = first; k < i; k++) {
        int kind = tl->toks[k].kind;
        if (kind == STATIC || kind == EXTERN || kind == INLINE || kind == NORETURN)
            continue;
        if (b.len)
            bputs(&b, " ");
        bput(&b, tok_text(src, &tl->toks[k]), (size_t)tok_len(&tl->toks[k]));
    }
    f->result = b.len ? arena_strndup(b.buf, b.len) : "int";
    bfree(&b);
    vec_push(&plain_functions, f);
}

void collect_plain_declarations(const Source *src, const TokenList *tl)
{
    int depth = 0, start = 0;
    bool over = false; /* '=' seen: an initialiser follows */
    for (int i = 0; i < tl->ntoks; i++) {
        int k = tl->toks[i].kind;
        if (k == PP_LINE) {
            if (depth == 0)
                start = i + 1;
            continue;
        }
        if (depth == 0) {
            if (k == ';' || (k == '{' && !over)) {
                if (!over)
                    plain_declaration(src, tl, start, i);
                start = i + 1;
                over = false;
            } else if (k == '=') {
                over = true;
            }
        }
        if (k == '{') {
            depth++;
        } else if (k == '}') {
            depth = depth > 0 ? depth - 1 : 0;
            if (depth == 0) {
                start = i + 1;
                over = false;
            }
        }
    }
}

const PlainFunction *find_plain_function(const char *name, size_t len)
{
    for (int i = 0; i < plain_functions.len; i++) {
        const PlainFunction *f = plain_functions.data[i];
        if (strlen(f->name) == len && !memcmp(f->name, name, len))
            return f;
    }
    return NULL;
}

static const Coroutine *known_coroutine(const Source *src, const Token *t, const Vec *coros)
{
    size_t len = (size_t)tok_len(t);
    for (int i = 0; i < coros->len; i++) {
        const Coroutine *c = coros->data[i];
        if (c->name && strlen(c->name) == len && !memcmp(c->name, tok_text(src, t), len))
            return c;
    }
    return NULL;
}

/* The index of the ')' that closes the '(' at i, or -1. */
static int close_paren(const TokenList *tl, int i, int end)
{
    int d = 0;
    for (; i < end; i++) {
        int k = tl->toks[i].kind;
        if (k == '(')
            d++;
        else if (k == ')' && --d == 0)
            return i;
        else if (k == ';' || k == '{' || k == '}')
            return -1;
    }
    return -1;
}

/* Does the ')' at i close the condition of an if, while or for? */
static bool after_condition(const TokenList *tl, int i, int first)
{
    int d = 0;
    for (; i >= first; i--) {
        int k = tl->toks[i].kind;
        if (k == ')')
            d++;
        else if (k == '(' && --d == 0)
            break;
    }
    if (i <= first)
        return false;
    int k = tl->toks[i - 1].kind;
    return k == IF || k == WHILE || k == FOR;
}

/* Does the ':' at i end a label (name:, case X:, default:), not the
 * middle of a conditional expression? */
static bool after_label(const TokenList *tl, int i, int first)
{
    for (i--; i >= first; i--) {
        int k = tl->toks[i].kind;
        if (k == '?')
            return false;
        if (k == CASE || k == DEFAULT || k == ';' || k == '{' || k == '}')
            return true;
    }
    return false;
}

void warn_dropped_call(const Source *src, int at, const char *name)
{
    warning_at(src, at,
               "coroutine '%s' is called but never awaited or kept: it never runs and its frame leaks",
               name);
}

void scan_plain_text(const Source *src, const TokenList *tl, const Vec *pieces, const Vec *coros)
{
    int depth = 0; /* braces: above 0 inside a function body (or an initialiser) */
    for (int p = 0; p < pieces->len; p++) {
        const Piece *pc = pieces->data[p];
        if (pc->kind == P_CORO) /* (a P_FUNC piece is a plain function too) */
            continue;
        int decl_start = pc->first;
        bool decl_over = false; /* '=' seen: an initialiser follows */
        for (int i = pc->first; i < pc->end; i++) {
            int k = tl->toks[i].kind;
            if (k == PP_LINE) {
                if (depth == 0)
                    decl_start = i + 1;
                continue;
            }
            if (depth == 0) {
                if (k == ';' || (k == '{' && !decl_over)) {
                    if (!decl_over && !coros)
                        plain_declaration(src, tl, decl_start, i);
                    decl_start = i + 1;
                    decl_over = false;
                } else if (k == '=') {
                    decl_over = true;
                }
            }
            if (k == '{')
                depth++;
            else if (k == '}') {
                depth = depth > 0 ? depth - 1 : 0;
                if (depth == 0) {
                    decl_start = i + 1;
                    decl_over = false;
                }
            }
            /* work(1); at the start of a statement in a function body */
            if (coros && depth > 0 && k == IDENTIFIER && i + 1 < pc->end &&
                tl->toks[i + 1].kind == '(') {
                int prev = i > pc->first ? tl->toks[i - 1].kind : ';';
                if (prev == ')' && !after_condition(tl, i - 1, pc->first))
                    continue; /* (void)work(1); says it means it */
                if (prev == ':' && !after_label(tl, i - 1, pc->first))
                    continue; /* c ? a : work(1) */
                if (prev != ';' && prev != '{' && prev != '}' && prev != ':' && prev != ELSE &&
                    prev != DO && prev != PP_LINE && prev != ')')
                    continue;
                const Coroutine *c = known_coroutine(src, &tl->toks[i], coros);
                if (!c)
                    continue;
                int close = close_paren(tl, i + 1, pc->end);
                if (close > 0 && close + 1 < pc->end && tl->toks[close + 1].kind == ';')
                    warn_dropped_call(src, tl->toks[i].start, c->name);
            }
        }
    }
}
