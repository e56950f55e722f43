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
            i++;
            continue;
        }
        /* one external declaration from i */
        int begin = i, depth = 0, coro = -1;
        bool saw_assign = false, done = false;
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
                if (coro < 0)
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
                        else if (coro < 0 && (k == YIELD || k == AWAIT || k == COROUTINE ||
                                              k == THROW || k == DEFER || k == TRY))
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
        if (coro >= 0) {
            if (text_start < begin)
                add_piece(pieces, P_TEXT, text_start, begin);
            text_start = i < n ? i : n;
            add_piece(pieces, P_CORO, begin, text_start);
        }
    }
    if (text_start < n)
        add_piece(pieces, P_TEXT, text_start, n);
}
