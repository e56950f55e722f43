/*
 * cond.c - conditional directives (#if, #ifdef, #ifndef, #elif, #else,
 * #endif) inside coroutine bodies.
 *
 * coroc does not choose a configuration: it parses every branch of a
 * conditional (the parser skips the directive lines, so the branches read
 * as if they followed each other), lowers each branch where it stands, and
 * keeps the directives in the output, so that one translation serves every
 * configuration.  What the lowering writes elsewhere than in place (the
 * frame members of locals and temporaries, the dispatch's case labels, the
 * defer statements run at the end) is put under the same conditions: each
 * is guarded by the branch its token stands in, written as the group's own
 * directives (#if A / #elif B / #else ... #endif), so the condition is the
 * user's text and is never rewritten.  Resume points are numbered over all
 * branches, so the numbering does not depend on the configuration.
 *
 * That works when each branch holds whole statements or declarations; a
 * conditional that cuts through a statement or an expression is refused,
 * in two steps: before the parse, each branch must leave the braces,
 * brackets and parentheses as it found them (scan_conditionals); after it,
 * every directive of a group must stand between the items of one block (or
 * between a label and its statement) (check_conditional_places).
 *
 * The branch of #if 0 (and #ifdef __cplusplus) is not read, as at file
 * scope (its text may not be C).
 */
#include "cc.h"
#include "parser.h"

#include <string.h>

enum { D_OTHER, D_IF, D_ELIF, D_ELSE, D_ENDIF };

/* The directive's kind, and its name (after the '#') for messages. */
static int directive_kind(const Source *src, const Token *t, const char **word, int *wlen)
{
    const char *s = tok_text(src, t), *e = s + tok_len(t);
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if (s < e && *s == '#')
        s++;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    const char *w = s;
    while (w < e && ((*w >= 'a' && *w <= 'z') || *w == '_'))
        w++;
    size_t n = (size_t)(w - s);
    if (word) {
        *word = s;
        *wlen = (int)n;
    }
    if ((n == 2 && !memcmp(s, "if", 2)) || (n == 5 && !memcmp(s, "ifdef", 5)) ||
        (n == 6 && !memcmp(s, "ifndef", 6)))
        return D_IF;
    if ((n == 4 && !memcmp(s, "elif", 4)) || (n == 7 && !memcmp(s, "elifdef", 7)) ||
        (n == 8 && !memcmp(s, "elifndef", 8)))
        return D_ELIF;
    if (n == 4 && !memcmp(s, "else", 4))
        return D_ELSE;
    if (n == 5 && !memcmp(s, "endif", 5))
        return D_ENDIF;
    return D_OTHER;
}

/* The directive as written, for a message: '#ifdef DEBUG' (cut at 40). */
static const char *directive_text(const Source *src, const Token *t)
{
    const char *s = tok_text(src, t), *e = s + tok_len(t);
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    const char *x = s;
    while (x < e && *x != '\n' && *x != '\r' && *x != '\\' && x - s < 40)
        x++;
    while (x > s && (x[-1] == ' ' || x[-1] == '\t'))
        x--;
    return arena_strndup(s, (size_t)(x - s));
}

static int tok_line(const Source *src, const Token *t)
{
    int line, col;
    source_pos(src, t->start, &line, &col);
    return line;
}

static int dir_at(const CondGroup *g, int k) { return (int)(intptr_t)g->dirs.data[k]; }

static CondBranch *new_branch(Conds *c, CondGroup *g, CondBranch *parent)
{
    CondBranch *b = arena_alloc(sizeof *b);
    b->group = g;
    b->k = g->dirs.len - 1;
    b->parent = parent;
    b->depth = parent ? parent->depth + 1 : 1;
    (void)c;
    return b;
}

/* The first '{' at the top level that follows a ')': the body's. */
static int body_open(const TokenList *tl, int first, int end)
{
    int depth = 0, prev = 0;
    for (int i = first; i < end; i++) {
        int k = tl->toks[i].kind;
        if (k == PP_LINE)
            continue;
        if (k == '(' || k == '[')
            depth++;
        else if ((k == ')' || k == ']') && depth > 0)
            depth--;
        else if (k == '{' && depth == 0 && prev == ')')
            return i;
        prev = k;
    }
    return end;
}

static bool ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || (unsigned char)ch >= 0x80;
}

/* #define NAME / #undef NAME in the body: NAME's token range is noted
 * (Vec of the directive's token index). */
static bool defines_name(const Source *src, const Token *t, const char **name, int *len)
{
    const char *w;
    int wl;
    directive_kind(src, t, &w, &wl);
    if (!((wl == 6 && !memcmp(w, "define", 6)) || (wl == 5 && !memcmp(w, "undef", 5))))
        return false;
    const char *s = w + wl, *e = tok_text(src, t) + tok_len(t);
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    const char *n = s;
    while (s < e && ident_char(*s))
        s++;
    *name = n;
    *len = (int)(s - n);
    return *len > 0;
}

/* A condition that tests a macro the body itself defines or undefines
 * before it: the frame and the dispatch, written before the body, would
 * see the macro as it was before the coroutine.  Reports and returns true. */
static bool tests_body_macro(const Source *src, const TokenList *tl, const Token *t,
                             const Vec *defs)
{
    const char *w;
    int wl;
    directive_kind(src, t, &w, &wl);
    const char *s = w + wl, *e = tok_text(src, t) + tok_len(t);
    while (s < e) {
        if (!ident_char(*s) || (*s >= '0' && *s <= '9')) {
            s++;
            continue;
        }
        const char *n = s;
        while (s < e && ident_char(*s))
            s++;
        for (int k = 0; k < defs->len; k++) {
            const Token *d = &tl->toks[(int)(intptr_t)defs->data[k]];
            const char *dn;
            int dl;
            if (defines_name(src, d, &dn, &dl) && dl == s - n && !memcmp(dn, n, (size_t)dl)) {
                error_at(src, t->start,
                         "'%s' tests '%.*s', which this coroutine's body defines or undefines before it (line %d): the frame and the dispatch, written before the body under the same conditions, would not see that; define '%.*s' before the coroutine",
                         directive_text(src, t), dl, dn, tok_line(src, d), dl, dn);
                return true;
            }
        }
    }
    return false;
}

Conds *scan_conditionals(Source *src, TokenList *tl, int first, int end)
{
    Conds *c = arena_alloc(sizeof *c);
    c->first = first;
    c->end = end;
    c->guard = arena_alloc(sizeof *c->guard * (size_t)(end - first + 1));
    int body = body_open(tl, first, end);
    int level = 0;
    Vec open = {0};          /* CondGroup *, innermost last */
    CondBranch *cur = NULL;
    Vec defs = {0};          /* #define and #undef in the body */
    for (int i = first; i < end; i++) {
        const Token *t = &tl->toks[i];
        c->guard[i - first] = cur;
        if (t->kind == PP_LINE) {
            int dk = directive_kind(src, t, NULL, NULL);
            const char *dn;
            int dl;
            if (dk == D_OTHER && i > body && defines_name(src, t, &dn, &dl))
                vec_push(&defs, (void *)(intptr_t)i);
            if (dk == D_OTHER)
                continue;
            if ((dk == D_IF || dk == D_ELIF) && i > body && tests_body_macro(src, tl, t, &defs))
                return NULL;
            if (i < body) {
                error_at(src, t->start,
                         "'%s' in the declaration of a coroutine, before its body: conditional directives may stand in a coroutine's body only; put the whole declaration in each branch",
                         directive_text(src, t));
                return NULL;
            }
            if (dk == D_IF) {
                CondGroup *g = arena_alloc(sizeof *g);
                g->level = level;
                vec_push(&g->dirs, (void *)(intptr_t)i);
                vec_push(&c->groups, g);
                vec_push(&open, g);
                cur = new_branch(c, g, cur);
                if (never_taken_if(src, t)) {
                    /* not read: its text may not be C */
                    int j = skip_if0(src, tl, i);
                    for (int m = i + 1; m < j && m < end; m++)
                        c->guard[m - first] = cur;
                    if (j >= end)
                        break;
                    i = j - 1;
                }
                continue;
            }
            if (!open.len) {
                error_at(src, t->start,
                         "'%s' belongs to a conditional that begins outside the coroutine: a conditional must not cut through a coroutine's definition; put whole definitions in each branch",
                         directive_text(src, t));
                return NULL;
            }
            CondGroup *g = open.data[open.len - 1];
            const Token *it = &tl->toks[dir_at(g, 0)];
            if (level != g->level) {
                error_at(src, t->start,
                         "'%s' does not stand at the level of braces, brackets and parentheses of its '%s' (line %d): in a coroutine, each branch of a conditional must hold whole statements or declarations",
                         directive_text(src, t), directive_text(src, it), tok_line(src, it));
                return NULL;
            }
            vec_push(&g->dirs, (void *)(intptr_t)i);
            if (dk == D_ENDIF) {
                open.len--;
                cur = cur->parent;
            } else {
                cur = new_branch(c, g, cur->parent);
                if (never_taken_if(src, t)) {
                    int j = skip_if0(src, tl, i);
                    for (int m = i + 1; m < j && m < end; m++)
                        c->guard[m - first] = cur;
                    if (j >= end)
                        break;
                    i = j - 1;
                }
            }
            continue;
        }
        if (t->kind == '(' || t->kind == '[' || t->kind == '{') {
            level++;
        } else if (t->kind == ')' || t->kind == ']' || t->kind == '}') {
            if (open.len && level == ((CondGroup *)open.data[open.len - 1])->level) {
                CondGroup *g = open.data[open.len - 1];
                if (i == end - 1)
                    break; /* the body's end: no #endif, said below */
                const Token *it = &tl->toks[dir_at(g, g->dirs.len - 1)];
                error_at(src, t->start,
                         "this '%c' closes what was opened before '%s' (line %d), whose branch it is in: in a coroutine, each branch of a conditional must hold whole statements or declarations",
                         t->kind, directive_text(src, it), tok_line(src, it));
                return NULL;
            }
            if (level > 0)
                level--;
        }
    }
    if (open.len) {
        CondGroup *g = open.data[open.len - 1];
        const Token *it = &tl->toks[dir_at(g, 0)];
        error_at(src, it->start,
                 "'%s' has no '#endif' inside the coroutine: a conditional must not cut through a coroutine's definition",
                 directive_text(src, it));
        return NULL;
    }
    return c;
}

/* ---- after the parse: every directive between whole items of a block ---- */

typedef struct {
    Source *src;
    TokenList *tl;
    Conds *c;
    Node **where;      /* per token - first: the block whose gap it is in */
} P;

/* The last token of a label (its ':'): the last one the parser read
 * before the labelled statement. */
static int label_end(P *p, Node *label)
{
    int i = label->body->first - 1;
    while (i > label->first && p->tl->toks[i].kind == PP_LINE)
        i--;
    return i;
}

static void mark_gap(P *p, Node *block, int lo, int hi)
{
    for (int i = lo + 1; i < hi; i++)
        if (i >= p->c->first && i < p->c->end && p->tl->toks[i].kind == PP_LINE)
            p->where[i - p->c->first] = block;
}

static void mark_blocks(P *p, Node *n)
{
    if (!n)
        return;
    if (n->kind == N_BLOCK) {
        int prev = n->first; /* the '{' */
        for (int i = 0; i < n->kids.len; i++) {
            Node *k = n->kids.data[i];
            /* a label and its statement are items of their own: a
             * conditional may hold case 1: or a statement after it */
            while (k->kind == N_LABEL || k->kind == N_CASE || k->kind == N_DEFAULT) {
                mark_gap(p, n, prev, k->first);
                prev = label_end(p, k);
                k = k->body;
            }
            mark_gap(p, n, prev, k->first);
            prev = k->last;
        }
        mark_gap(p, n, prev, n->last);
    }
    Kids kids;
    node_children(n, &kids);
    for (int i = 0; i < kids.len; i++)
        mark_blocks(p, kids.data[i]);
    kids_free(&kids);
}

/* The coroutine's name, before analysis has set co->name. */
static const char *coroutine_name(const Source *src, const TokenList *tl, const Coroutine *co)
{
    int t = co->decl ? co->decl->name_tok : -1;
    if (t < 0)
        return "?";
    return arena_strndup(tok_text(src, &tl->toks[t]), (size_t)tok_len(&tl->toks[t]));
}

bool check_conditional_places(Source *src, TokenList *tl, Coroutine *co)
{
    Conds *c = co->conds;
    if (!c || !c->groups.len || !co->body)
        return true;
    P p = { .src = src, .tl = tl, .c = c };
    p.where = arena_alloc(sizeof *p.where * (size_t)(c->end - c->first + 1));
    mark_blocks(&p, co->body);
    for (int g = 0; g < c->groups.len; g++) {
        CondGroup *grp = c->groups.data[g];
        Node *block = p.where[dir_at(grp, 0) - c->first];
        for (int k = 0; k < grp->dirs.len; k++) {
            const Token *t = &tl->toks[dir_at(grp, k)];
            Node *w = p.where[dir_at(grp, k) - c->first];
            if (!w) {
                error_at(src, t->start,
                         "'%s' stands inside a statement or an expression: in coroutine '%s', conditional directives must stand between whole statements or declarations, so that each branch can be lowered; write the whole statement in each branch",
                         directive_text(src, t), coroutine_name(src, tl, co));
                return false;
            }
            if (w != block) {
                const Token *it = &tl->toks[dir_at(grp, 0)];
                error_at(src, t->start,
                         "'%s' is not in the block of its '%s' (line %d): in coroutine '%s', each branch of a conditional must hold whole statements or declarations",
                         directive_text(src, t), directive_text(src, it), tok_line(src, it),
                         coroutine_name(src, tl, co));
                return false;
            }
        }
    }
    return true;
}

/* ---- guards: what the lowering writes elsewhere, under the same
 * conditions ---- */

const CondBranch *guard_of(const Coroutine *co, int tok)
{
    const Conds *c = co->conds;
    if (!c || !c->groups.len || tok < c->first || tok >= c->end)
        return NULL;
    return c->guard[tok - c->first];
}

bool guards_exclusive(const CondBranch *a, const CondBranch *b)
{
    for (; a; a = a->parent)
        for (const CondBranch *x = b; x; x = x->parent)
            if (x->group == a->group && x->k != a->k)
                return true;
    return false;
}

/* Do two branches stand for the same condition: the same branch, or the
 * same place in groups whose directives read the same (two #ifdef DEBUG
 * groups)? */
static bool same_condition(const Source *src, const TokenList *tl, const CondBranch *a,
                           const CondBranch *b)
{
    if (a == b)
        return true;
    if (a->group == b->group || a->k != b->k)
        return false;
    for (int k = 0; k <= a->k; k++) {
        const Token *x = &tl->toks[dir_at(a->group, k)], *y = &tl->toks[dir_at(b->group, k)];
        const char *xs = tok_text(src, x), *ys = tok_text(src, y);
        int xl = tok_len(x), yl = tok_len(y);
        while (xl && (*xs == ' ' || *xs == '\t'))
            xs++, xl--;
        while (yl && (*ys == ' ' || *ys == '\t'))
            ys++, yl--;
        if (xl != yl || memcmp(xs, ys, (size_t)xl))
            return false;
    }
    return true;
}

bool guard_covers(const Source *src, const TokenList *tl, const CondBranch *decl,
                  const CondBranch *use)
{
    for (const CondBranch *d = decl; d; d = d->parent) {
        bool found = false;
        for (const CondBranch *u = use; u && !found; u = u->parent)
            found = same_condition(src, tl, d, u);
        if (!found)
            return false;
    }
    return true;
}

const CondBranch *union_guard(const Source *src, const TokenList *tl, const CondBranch **gs,
                              int n)
{
    if (n < 1 || !gs[0])
        return n >= 1 ? gs[0] : NULL;
    CondGroup *g = gs[0]->group;
    int branches = g->dirs.len - 1;
    if (directive_kind(src, &tl->toks[dir_at(g, branches - 1)], NULL, NULL) != D_ELSE)
        return gs[0];
    for (int k = 0; k < branches; k++) {
        bool found = false;
        for (int i = 0; i < n && !found; i++)
            found = gs[i] && gs[i]->group == g && gs[i]->k == k;
        if (!found)
            return gs[0];
    }
    return gs[0]->parent;
}

static void put_directive(Buf *b, const Source *src, const TokenList *tl, int tok)
{
    const Token *t = &tl->toks[tok];
    const char *s = tok_text(src, t), *e = s + tok_len(t);
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    bnewline(b);
    bput(b, s, (size_t)(e - s));
    bputs(b, "\n");
}

/* Open the branches from just inside 'from' (open already) down to 'to'. */
static void open_down(Buf *b, const Source *src, const TokenList *tl,
                      const CondBranch *from, const CondBranch *to)
{
    if (to == from)
        return;
    open_down(b, src, tl, from, to->parent);
    for (int k = 0; k <= to->k; k++)
        put_directive(b, src, tl, dir_at(to->group, k));
}

static const CondBranch *common_branch(const CondBranch *a, const CondBranch *b)
{
    while (a != b) {
        if (!a || !b)
            return NULL;
        if (a->depth >= b->depth)
            a = a->parent;
        else
            b = b->parent;
    }
    return a;
}

/* Text of branch 'want' written inside branch 'here' (a defer registered
 * in a branch and run where its block is left, outside that branch):
 * opens, nested, the conditions of 'want' that 'here' is not inside of;
 * returns how many #endif close them. */
int guard_open_nested(Buf *b, const Source *src, const TokenList *tl, const CondBranch *here,
                      const CondBranch *want)
{
    const CondBranch *common = common_branch(here, want);
    if (common == want)
        return 0;
    open_down(b, src, tl, common, want);
    int n = 0;
    for (const CondBranch *x = want; x != common; x = x->parent)
        n++;
    return n;
}

void guard_switch(Buf *b, const Source *src, const TokenList *tl, const CondBranch **cur,
                  const CondBranch *want)
{
    if (*cur == want)
        return;
    const CondBranch *common = common_branch(*cur, want);
    /* the branches just inside the common one, on each side: from one
     * branch of a group to a later one, the group goes on (#else) */
    const CondBranch *c1 = NULL, *w1 = NULL;
    for (const CondBranch *x = *cur; x != common; x = x->parent)
        c1 = x;
    for (const CondBranch *x = want; x != common; x = x->parent)
        w1 = x;
    bool go_on = c1 && w1 && c1->group == w1->group && c1->k < w1->k;
    for (const CondBranch *x = *cur; x != (go_on ? c1 : common); x = x->parent) {
        bnewline(b);
        bputs(b, "#endif\n");
    }
    if (go_on) {
        for (int k = c1->k + 1; k <= w1->k; k++)
            put_directive(b, src, tl, dir_at(w1->group, k));
        open_down(b, src, tl, w1, want);
    } else {
        open_down(b, src, tl, common, want);
    }
    *cur = want;
}

static void collect_suspensions(const Coroutine *co, Node *n, const CondBranch **out)
{
    if (!n)
        return;
    if ((n->kind == N_YIELD || n->kind == N_AWAIT) && n->id >= 1 && n->id <= co->nsusp)
        out[n->id] = guard_of(co, n->first);
    Kids kids;
    node_children(n, &kids);
    for (int i = 0; i < kids.len; i++)
        collect_suspensions(co, kids.data[i], out);
    kids_free(&kids);
}

const CondBranch **suspension_guards(const Coroutine *co)
{
    if (!co->conds || !co->conds->groups.len || !co->body)
        return NULL;
    const CondBranch **g = arena_alloc(sizeof *g * (size_t)(co->nsusp + 1));
    collect_suspensions(co, co->body, g);
    return g;
}
