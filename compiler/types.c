/*
 * types.c - writing declaration specifiers as the type of a frame member.
 *
 * A frame member, a result or a temporary is declared at file scope from
 * the specifiers the user wrote, without what only makes sense for the
 * original declaration: storage classes, function specifiers, attributes,
 * coroutine(...), and, when asked, a const that applies to the object
 * itself (a member must be assignable).
 */
#include "cc.h"
#include "parser.h"

void write_spec(const Source *src, const TokenList *tl, int first, int last,
                bool drop_const, void (*put)(void *ctx, const char *s, size_t n),
                void *ctx)
{
    bool sep = false;
    for (int i = first; i <= last; i++) {
        int k = tl->toks[i].kind;
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
