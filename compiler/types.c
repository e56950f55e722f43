/*
 * types.c - writing the types the user declared as C text.
 *
 * A frame member, a result or a temporary is declared at file scope from
 * the specifiers the user wrote, without what only makes sense for the
 * original declaration: storage classes, function specifiers, attributes,
 * coroutine(...), and, when asked, a const that applies to the object
 * itself (a member must be assignable).  Declarators are written back with
 * another name (the member's), a parameter of array type as a pointer.
 */
#include "cc.h"
#include "parser.h"

#include <string.h>

void write_spec(const Source *src, const TokenList *tl, int first, int last,
                bool drop_const, void (*put)(void *ctx, const char *s, size_t n),
                void *ctx)
{
    bool sep = false;
    for (int i = first; i <= last; i++) {
        int k = tl->toks[i].kind;
        const Rename *r = rename_at(src, i);
        if (r) {
            /* a hoisted type's name, or its body left out (hoist.c) */
            if (r->text[0]) {
                if (sep)
                    put(ctx, " ", 1);
                put(ctx, r->text, strlen(r->text));
                sep = true;
            }
            i = r->last;
            continue;
        }
        if (k == STATIC || k == EXTERN || k == INLINE || k == NORETURN ||
            k == THREAD_LOCAL || k == REGISTER || k == AUTO || k == TYPEDEF ||
            k == PP_LINE || k == EXTENSION || (drop_const && k == CONST))
            continue;
        if (k == COROUTINE || k == ATTRIBUTE) {
            /* skip its parenthesised group too */
            if (i + 1 <= last && tl->toks[i + 1].kind == '(') {
                int d = 0;
                for (i = i + 1; i <= last; i++) {
                    if (tl->toks[i].kind == '(')
                        d++;
                    else if (tl->toks[i].kind == ')' && --d == 0)
                        break;
                }
            }
            continue;
        }
        if (sep)
            put(ctx, " ", 1);
        put(ctx, tok_text(src, &tl->toks[i]), (size_t)tok_len(&tl->toks[i]));
        sep = true;
    }
}

static void put_to_buf(void *ctx, const char *s, size_t n) { bput(ctx, s, n); }

void put_spec(Buf *b, const Source *src, const TokenList *tl, int first, int last,
              bool drop_const)
{
    write_spec(src, tl, first, last, drop_const, put_to_buf, b);
}

char *spec_text(const Source *src, const TokenList *tl, int first, int last,
                bool drop_const)
{
    Buf b = {0};
    put_spec(&b, src, tl, first, last, drop_const);
    return btake(&b);
}

char *tokens_text(const Source *src, const TokenList *tl, int first, int last)
{
    Buf b = {0};
    bool sep = false;
    for (int i = first; i <= last; i++) {
        if (tl->toks[i].kind == PP_LINE)
            continue;
        if (sep)
            bputs(&b, " ");
        const Rename *r = rename_at(src, i);
        if (r) {
            bputs(&b, r->text);
            i = r->last;
        } else {
            bput(&b, tok_text(src, &tl->toks[i]), (size_t)tok_len(&tl->toks[i]));
        }
        sep = true;
    }
    return btake(&b);
}

void put_typed(Buf *b, TypeText t, const char *name)
{
    size_t n = strlen(t.pre);
    bprintf(b, "%s%s%s%s", t.pre, name[0] && n && t.pre[n - 1] != '*' ? " " : "", name, t.suf);
}

/* a space between two tokens of a type, as a person would write it */
static bool space_between(int prev, int next)
{
    if (prev == '(' || prev == '[' || prev == '*')
        return false;
    if (next == ')' || next == '[' || next == ']' || next == ',' || next == '(')
        return false;
    return true;
}

static void put_tok(Buf *b, const Source *src, const TokenList *tl, int i)
{
    bput(b, tok_text(src, &tl->toks[i]), (size_t)tok_len(&tl->toks[i]));
}

void put_declarator(Buf *b, const Source *src, const TokenList *tl, const Decl *d,
                    const char *name, bool param, const char *size)
{
    int prev = -1;
    bool adjusted = false;
    const Token *toks = tl->toks;
    for (int i = d->first; i <= d->last; i++) {
        int k = toks[i].kind;
        if (k == PP_LINE || i == d->top_const_tok)
            continue;
        bool pointer_param = param && (d->kind == DK_ARRAY || d->kind == DK_FUNC);
        if (prev >= 0 && space_between(prev, k == IDENTIFIER && i == d->name_tok && pointer_param ? '(' : k))
            bputs(b, " ");
        prev = k;
        if (i == d->name_tok) {
            if (pointer_param) {
                /* a parameter of array or function type is a pointer */
                bprintf(b, "(*%s)", name);
                if (d->kind == DK_ARRAY && i + 1 <= d->last && toks[i + 1].kind == '[') {
                    int depth = 0;
                    for (i = i + 1; i <= d->last; i++) {
                        if (toks[i].kind == '[')
                            depth++;
                        else if (toks[i].kind == ']' && --depth == 0)
                            break;
                    }
                }
                adjusted = true;
            } else {
                bputs(b, name);
            }
            continue;
        }
        const Rename *r = rename_at(src, i);
        if (r) {
            bputs(b, r->text);
            i = r->last;
            continue;
        }
        put_tok(b, src, tl, i);
        /* the outermost [] of an array sized by its initialiser */
        if (size && !adjusted && k == '[' && d->incomplete_array && i + 1 <= d->last &&
            toks[i + 1].kind == ']' && i > d->name_tok) {
            bputs(b, size);
            adjusted = true;
        }
    }
}
