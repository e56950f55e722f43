/*
 * hoist.c - types declared inside a coroutine that its frame needs.
 *
 * The frame struct is declared at file scope, so the type of a frame
 * member must be known there.  When it names a tag, a typedef name or an
 * enumerator declared inside the coroutine, that declaration is hoisted:
 * written at file scope, before the frame, under a name of its own,
 * NAME__tag (NAME__tag_2 ... when the coroutine declares the same name in
 * two scopes, or when the file already uses that identifier), and every use
 * inside the coroutine that C binds to it is renamed, token by token:
 *
 *   coroutine int f(void)           enum f__enum_1 { f__LO = -3, f__HI = 3 };
 *   {                               struct f__S { int x; };
 *       enum { LO = -3, HI = 3 } e; struct f__frame { ... enum f__enum_1 e;
 *       struct S { int x; } s;                         struct f__S s; ... };
 *       yield; ... LO ... s.x ...   ... f__LO ... cy_f->s.x ...
 *
 * The binding follows C's scope rules: the analysis hands over each type
 * region of the body (declaration specifiers, declarators, type names)
 * with the scope it is in; a tag is looked up in the scopes around, a
 * typedef name or an enumerator is the ordinary identifier analysis finds
 * there.  A tag declared in an inner block therefore hides an outer or a
 * file-scope one, and uses after the block see the outer one again (they
 * are not renamed).  An anonymous enumeration gets a tag (NAME__enum_N) so
 * that the frame member and the body name the same type; enumerators keep
 * their values, since their definitions move as written.  In the body the
 * hoisted definition is left out (a block-scope definition would declare a
 * new, different type): its braces are dropped, a typedef declaration or a
 * declaration of tags alone becomes ';'.
 *
 * The same token rewriting gives GNU typeof and __auto_type their meaning:
 * a local named in a type region is, in the body, cy_f->x when it lives in
 * the frame, and, at file scope, an lvalue of its declared type,
 * ((T (*))0)[K], which typeof takes apart without evaluating it; a frame
 * member declared __auto_type gets the type __typeof__(initialiser).
 *
 * Two maps of rewrites (Source.body_map, Source.file_map) are filled here
 * after the analysis; the writers of text (lower.c, frame.c, types.c)
 * apply the one Source.renames points at.
 */
#include "cc.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

/* ---- the maps ---- */

/* first item whose first token is at or after tok */
static int rename_index(const Renames *r, int tok)
{
    int lo = 0, hi = r->len;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (r->items[mid].first < tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void renames_add(Renames *r, const TokenList *tl, int first, int last, const char *text)
{
    int i = rename_index(r, first);
    if (i < r->len && r->items[i].first == first) {
        r->items[i].last = last;
        r->items[i].end = tl->toks[last].end;
        r->items[i].text = text;
        return;
    }
    if (r->len == r->cap) {
        int ncap = r->cap ? r->cap * 2 : 16;
        Rename *n = arena_alloc(sizeof *n * (size_t)ncap);
        if (r->len)
            memcpy(n, r->items, sizeof *n * (size_t)r->len);
        r->items = n;
        r->cap = ncap;
    }
    memmove(r->items + i + 1, r->items + i, sizeof *r->items * (size_t)(r->len - i));
    r->items[i] = (Rename){ first, last, tl->toks[first].start, tl->toks[last].end, text };
    r->len++;
}

const Rename *rename_at(const Source *src, int tok)
{
    const Renames *r = src->renames;
    if (!r || !r->len)
        return NULL;
    int i = rename_index(r, tok);
    return i < r->len && r->items[i].first == tok ? &r->items[i] : NULL;
}

void put_source(Buf *b, const Source *src, int from, int to, int skip_tok)
{
    if (to <= from)
        return;
    const Renames *r = src->renames;
    if (!r || !r->len) {
        bput(b, src->text + from, (size_t)(to - from));
        return;
    }
    int lo = 0, hi = r->len;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (r->items[mid].start < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int i = lo; i < r->len && r->items[i].start < to; i++) {
        const Rename *x = &r->items[i];
        if (x->first == skip_tok || x->start < from || x->end > to)
            continue;
        bput(b, src->text + from, (size_t)(x->start - from));
        bputs(b, x->text);
        from = x->end;
    }
    bput(b, src->text + from, (size_t)(to - from));
}

/* ---- what the analysis hands over ---- */

typedef struct TagDef {
    const char *name;      /* NULL: an anonymous enumeration */
    int kind;              /* STRUCT, UNION, ENUM */
    int kw, name_tok;      /* its keyword and tag (-1 if anonymous) */
    int open, close;       /* its braces, -1 while it has no body */
    Scope *scope;
    Node *decl;            /* a declaration that declares only it */
    bool needed;
    const char *new_name;
} TagDef;

enum { B_TAG, B_TYPEDEF, B_ENUMC, B_VAR };

typedef struct Binding {
    int tok, kind;
    void *target;          /* TagDef * or Var * */
    bool node;             /* the token is an N_IDENT the lowering writes */
    bool needed;           /* it is written at file scope */
} Binding;

struct Hoist {
    Source *src;
    TokenList *tl;
    Coroutine *co;
    Var *(*lookup)(void *ctx, const char *name, size_t len);
    void *ctx;
    Vec tags;              /* TagDef * */
    Vec bindings;          /* Binding * */
    Vec enum_vars, enum_tags; /* an enumerator's Var *, its TagDef * */
    Vec typedefs;          /* N_DECL * of typedef declarations hoisted */
    Vec vars, var_names;   /* Var *, its new name (typedef names, enumerators) */
    Vec seen_vars;         /* Var * whose type is written at file scope */
    Vec deref_vars, deref_texts; /* Var *, ((T (*))0)[K] */
    Vec exprs;             /* Node *: expressions whose type the frame takes */
    NameSet *taken;
    int anon;
};

Hoist *hoist_new(Source *src, TokenList *tl, Coroutine *co,
                 Var *(*lookup)(void *ctx, const char *name, size_t len), void *ctx)
{
    Hoist *h = arena_alloc(sizeof *h);
    h->src = src;
    h->tl = tl;
    h->co = co;
    h->lookup = lookup;
    h->ctx = ctx;
    return h;
}

static const Token *T(Hoist *h, int i) { return &h->tl->toks[i]; }

static bool same_name(Hoist *h, int tok, const char *name)
{
    return name && (size_t)tok_len(T(h, tok)) == strlen(name) &&
           !memcmp(tok_text(h->src, T(h, tok)), name, strlen(name));
}

/* the index of the bracket matching the one at i (or last) */
static int match(Hoist *h, int i, int last)
{
    int depth = 0;
    for (int k = i; k <= last; k++) {
        int kind = T(h, k)->kind;
        if (kind == '(' || kind == '[' || kind == '{')
            depth++;
        else if ((kind == ')' || kind == ']' || kind == '}') && --depth == 0)
            return k;
    }
    return last;
}

/* past __attribute__((...)) or __asm__("...") at i: its last token */
static int skip_group(Hoist *h, int i, int last)
{
    if (i + 1 <= last && T(h, i + 1)->kind == '(')
        return match(h, i + 1, last);
    return i;
}

static TagDef *tag_in(Hoist *h, int tok, Scope *s)
{
    for (int i = h->tags.len - 1; i >= 0; i--) {
        TagDef *t = h->tags.data[i];
        if (t->scope == s && same_name(h, tok, t->name))
            return t;
    }
    return NULL;
}

static TagDef *find_tag(Hoist *h, int tok, Scope *s)
{
    for (; s; s = s->parent) {
        TagDef *t = tag_in(h, tok, s);
        if (t)
            return t;
    }
    return NULL;
}

static TagDef *new_tag(Hoist *h, int kind, int kw, int name_tok, Scope *s)
{
    TagDef *t = arena_alloc(sizeof *t);
    t->kind = kind;
    t->kw = kw;
    t->name_tok = name_tok;
    t->name = name_tok >= 0 ? arena_strndup(tok_text(h->src, T(h, name_tok)), (size_t)tok_len(T(h, name_tok))) : NULL;
    t->open = t->close = -1;
    t->scope = s;
    vec_push(&h->tags, t);
    return t;
}

static void bind(Hoist *h, int tok, int kind, void *target, bool node)
{
    Binding *b = arena_alloc(sizeof *b);
    b->tok = tok;
    b->kind = kind;
    b->target = target;
    b->node = node;
    vec_push(&h->bindings, b);
}

static bool in_nodes(const Vec *nodes, int i)
{
    for (int k = 0; nodes && k < nodes->len; k++) {
        Node *n = nodes->data[k];
        if (n && n->first <= i && i <= n->last)
            return true;
    }
    return false;
}

static TagDef *enum_of(Hoist *h, Var *v)
{
    for (int i = 0; i < h->enum_vars.len; i++)
        if (h->enum_vars.data[i] == v)
            return h->enum_tags.data[i];
    return NULL;
}

/* What a bracket opened: a type ('t', declarators and member
 * declarations), an expression ('e'), an enumerator list ('n'); eq: an
 * expression follows up to the next ',' (a bit-field width, an
 * enumerator's value). */
typedef struct {
    char kind;
    bool eq;
    TagDef *en;
} Ctx;

void hoist_scan(Hoist *h, int first, int last, Scope *scope, int skip_tok, Node *tag_decl,
                const Vec *nodes)
{
    if (!h) /* a plain function (parsed for its defers): nothing moves */
        return;
    int cap = 16, len = 1;
    Ctx *st = malloc(sizeof *st * (size_t)cap);
    if (!st)
        fatal("out of memory");
    st[0] = (Ctx){ 't', false, NULL };
    char next = 't';
    TagDef *pending = NULL;
    for (int i = first; i <= last; i++) {
        int k = T(h, i)->kind;
        Ctx *top = &st[len - 1];
        switch (k) {
        case ATTRIBUTE: case ASM:
            i = skip_group(h, i, last);
            continue;
        case STRUCT: case UNION: case ENUM: {
            int j = i + 1;
            while (j <= last && T(h, j)->kind == ATTRIBUTE)
                j = skip_group(h, j, last) + 1;
            if (j > last)
                continue;
            bool body = T(h, j)->kind == '{' || (j + 1 <= last && T(h, j + 1)->kind == '{');
            if (T(h, j)->kind == IDENTIFIER) {
                bool forward = tag_decl && j == last && len == 1;
                TagDef *t = NULL;
                if (body || forward) {
                    t = tag_in(h, j, scope);
                    if (!t || (body && t->open >= 0))
                        t = new_tag(h, k, i, j, scope);
                    if (tag_decl && len == 1)
                        t->decl = tag_decl;
                } else {
                    t = find_tag(h, j, scope);
                }
                if (t)
                    bind(h, j, B_TAG, t, false);
                if (body) {
                    t->kw = i;
                    t->open = j + 1;
                    t->close = match(h, j + 1, last);
                    pending = t;
                }
                next = k == ENUM ? 'n' : 't';
                i = j;
            } else if (T(h, j)->kind == '{') {
                if (k == ENUM) {
                    TagDef *t = new_tag(h, k, i, -1, scope);
                    t->open = j;
                    t->close = match(h, j, last);
                    if (tag_decl && len == 1)
                        t->decl = tag_decl;
                    bind(h, i, B_TAG, t, false);
                    pending = t;
                }
                next = k == ENUM ? 'n' : 't';
                i = j - 1;
            }
            continue;
        }
        case '{': case '[': case '(': {
            if (len == cap) {
                cap *= 2;
                Ctx *n = realloc(st, sizeof *st * (size_t)cap);
                if (!n)
                    fatal("out of memory");
                st = n;
                top = &st[len - 1];
            }
            Ctx c = { 't', false, NULL };
            if (k == '{') {
                c.kind = next;
                c.en = pending;
            } else if (k == '[') {
                c.kind = 'e';
            } else {
                int pk = i > first ? T(h, i - 1)->kind : 0;
                if (top->kind == 'e' || top->eq || pk == TYPEOF || pk == ALIGNAS ||
                    pk == ALIGNOF || pk == SIZEOF)
                    c.kind = 'e';
            }
            next = 't';
            pending = NULL;
            st[len++] = c;
            continue;
        }
        case '}': case ']': case ')':
            if (len > 1)
                len--;
            continue;
        case ':':
            if (top->kind == 't' && len > 1)
                top->eq = true;
            continue;
        case '=':
            if (top->kind == 'n')
                top->eq = true;
            continue;
        case ',': case ';':
            if (top->kind != 'e')
                top->eq = false;
            continue;
        case IDENTIFIER: {
            if (i == skip_tok)
                continue;
            int pk = i > first ? T(h, i - 1)->kind : 0;
            if (pk == '.' || pk == ARROW)
                continue;
            Var *v = h->lookup(h->ctx, tok_text(h->src, T(h, i)), (size_t)tok_len(T(h, i)));
            bool node = in_nodes(nodes, i);
            if (top->kind == 'n' && !top->eq) {
                /* an enumerator's own name */
                if (v && v->is_enum_const) {
                    bind(h, i, B_ENUMC, v, false);
                    vec_push(&h->enum_vars, v);
                    vec_push(&h->enum_tags, top->en);
                }
                continue;
            }
            if (v && v->is_typedef)
                bind(h, i, B_TYPEDEF, v, node);
            else if (v && (top->kind == 'e' || top->eq))
                bind(h, i, v->is_enum_const ? B_ENUMC : B_VAR, v, node);
            continue;
        }
        default:
            continue;
        }
    }
    free(st);
}

/* ---- deciding what is hoisted ---- */

static int cmp_binding(const void *x, const void *y)
{
    const Binding *a = *(Binding *const *)x, *b = *(Binding *const *)y;
    return (a->tok > b->tok) - (a->tok < b->tok);
}

typedef struct {
    int *first, *last;
    int len, cap;
} Ranges;

static void push_range(Ranges *r, int first, int last)
{
    if (first > last)
        return;
    if (r->len == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 32;
        r->first = realloc(r->first, sizeof(int) * (size_t)r->cap);
        r->last = realloc(r->last, sizeof(int) * (size_t)r->cap);
        if (!r->first || !r->last)
            fatal("out of memory");
    }
    r->first[r->len] = first;
    r->last[r->len] = last;
    r->len++;
}

static bool has_token(Hoist *h, int first, int last, int kind)
{
    for (int i = first; i <= last; i++)
        if (T(h, i)->kind == kind)
            return true;
    return false;
}

/* __auto_type x = init: the type is init's */
static bool is_auto(Hoist *h, Var *v)
{
    return v->decl_node && v->decl_node->kind == N_DECL && v->decl && v->decl->init &&
           has_token(h, v->decl_node->spec_first, v->decl_node->spec_last, AUTO_TYPE);
}

/* The N_IDENTs of an initialiser, as bindings: written at file scope when
 * the type of an __auto_type frame member is. */
static void bind_idents(Hoist *h, Node *n)
{
    if (!n)
        return;
    if (n->kind == N_IDENT && n->var)
        bind(h, n->tok, n->var->is_enum_const ? B_ENUMC : B_VAR, n->var, true);
    Kids k;
    node_children(n, &k);
    for (int i = 0; i < k.len; i++)
        bind_idents(h, k.data[i]);
    kids_free(&k);
}

static bool vec_has(const Vec *v, const void *p)
{
    for (int i = 0; i < v->len; i++)
        if (v->data[i] == p)
            return true;
    return false;
}

/* The ranges that write a variable's type: its specifiers and declarator
 * (and an __auto_type's initialiser). */
static void var_ranges(Hoist *h, Ranges *r, Var *v)
{
    Node *n = v->decl_node;
    Decl *d = v->decl;
    if (!d)
        return;
    if (v->is_param) {
        push_range(r, d->spec_first, d->spec_last);
    } else if (n) {
        push_range(r, n->spec_first, n->spec_last);
        if (is_auto(h, v))
            push_range(r, d->init->first, d->init->last);
    }
    push_range(r, d->first, d->last);
}

static void collect_frame_vars(Hoist *h, Scope *s, Ranges *r)
{
    for (int i = 0; i < s->vars.len; i++) {
        Var *v = s->vars.data[i];
        if (v->in_frame && !v->is_param) {
            vec_push(&h->seen_vars, v);
            var_ranges(h, r, v);
        }
    }
    for (int i = 0; i < s->kids.len; i++)
        collect_frame_vars(h, s->kids.data[i], r);
}

static void all_autos(Hoist *h, Scope *s)
{
    for (int i = 0; i < s->vars.len; i++) {
        Var *v = s->vars.data[i];
        if (is_auto(h, v))
            bind_idents(h, v->decl->init);
    }
    for (int i = 0; i < s->kids.len; i++)
        all_autos(h, s->kids.data[i]);
}

static const char *var_new_name(Hoist *h, Var *v)
{
    for (int i = 0; i < h->vars.len; i++)
        if (h->vars.data[i] == v)
            return h->var_names.data[i];
    return NULL;
}

/* NAME__base, or NAME__base_2 ..., used by no token of the file */
static const char *fresh(Hoist *h, const char *base)
{
    if (!h->taken) {
        h->taken = nameset_new();
        for (int i = 0; i < h->tl->ntoks; i++)
            if (T(h, i)->kind == IDENTIFIER)
                nameset_add(h->taken, tok_text(h->src, T(h, i)), (size_t)tok_len(T(h, i)));
    }
    char *name = arena_printf("%s__%s", h->co->name, base);
    for (int k = 2; nameset_has(h->taken, name, strlen(name)); k++)
        name = arena_printf("%s__%s_%d", h->co->name, base, k);
    nameset_add(h->taken, name, strlen(name));
    return name;
}

static void need_tag(Ranges *r, TagDef *t)
{
    if (!t || t->needed)
        return;
    t->needed = true;
    if (t->open >= 0)
        push_range(r, t->open, t->close);
}

static void need_typedef(Hoist *h, Ranges *r, Var *v)
{
    Node *n = v->decl_node;
    if (!n || n->kind != N_DECL || n->hoisted)
        return;
    n->hoisted = true;
    vec_push(&h->typedefs, n);
    push_range(r, n->spec_first, n->spec_last);
    for (int i = 0; i < n->decls.len; i++) {
        Decl *d = n->decls.data[i];
        push_range(r, d->first, d->last);
        if (d->is_vla)
            error_at(h->src, T(h, d->name_tok)->start,
                     "the type '%s', declared inside coroutine '%s', is needed at file scope by its frame, but it is a variable-length array type: give it a constant size",
                     d->var ? d->var->name : "?", h->co->name);
    }
}

/* ((T (*))0)[K]: an lvalue of v's type that names nothing of the body
 * (K differs from local to local, so that x < n is not taken by the C
 * compiler for a comparison of an expression with itself) */
static const char *deref_text(Hoist *h, Var *v)
{
    for (int i = 0; i < h->deref_vars.len; i++)
        if (h->deref_vars.data[i] == v)
            return h->deref_texts.data[i];
    Buf b = {0};
    Decl *d = v->decl;
    bputs(&b, "((");
    if (v->is_param)
        put_spec(&b, h->src, h->tl, d->spec_first, d->spec_last, false);
    else
        put_spec(&b, h->src, h->tl, v->decl_node->spec_first, v->decl_node->spec_last, false);
    bputs(&b, " ");
    put_declarator(&b, h->src, h->tl, d, "(*)", v->is_param, NULL);
    bprintf(&b, ")0)[%d]", h->deref_vars.len);
    const char *s = btake(&b);
    vec_push(&h->deref_vars, v);
    vec_push(&h->deref_texts, (void *)s);
    return s;
}

static int var_tok(Var *v) { return v->decl ? v->decl->name_tok : -1; }

static int cmp_var(const void *x, const void *y)
{
    int a = var_tok(*(Var *const *)x), b = var_tok(*(Var *const *)y);
    return (a > b) - (a < b);
}

/* Can a local's type be written at file scope? */
static bool check_var(Hoist *h, Var *v, int at)
{
    const char *why = NULL;
    if (!v->decl || (!v->is_param && (!v->decl_node || v->decl_node->kind != N_DECL)))
        why = "its type is not written in a declaration";
    else if (v->decl->is_vla)
        why = "it is a variable-length array";
    else if (is_auto(h, v) && (v->decl->init->suspends || v->decl->init->kind == N_INITLIST))
        why = "it is declared __auto_type with an initialiser that suspends";
    if (!why)
        return true;
    error_at(h->src, T(h, at)->start,
             "the type of '%s' is needed at file scope by the frame of coroutine '%s', but %s: declare it with a type",
             v->name, h->co->name, why);
    return false;
}

void hoist_need_expr(Hoist *h, Node *expr)
{
    if (!h)
        return;
    if (expr->suspends) {
        error_at(h->src, T(h, expr->first)->start,
                 "the value of this statement expression is kept in the frame, whose member takes its type from this expression, but the expression suspends: end the statement expression with an expression that does not");
        return;
    }
    vec_push(&h->exprs, expr);
    bind_idents(h, expr);
}

void hoist_decide(Hoist *h)
{
    if (!h)
        return;
    Source *src = h->src;
    all_autos(h, h->co->scope);
    if (h->bindings.len > 1)
        qsort(h->bindings.data, (size_t)h->bindings.len, sizeof(void *), cmp_binding);
    Ranges r = {0};
    collect_frame_vars(h, h->co->scope, &r);
    for (int i = 0; i < h->exprs.len; i++)
        push_range(&r, ((Node *)h->exprs.data[i])->first, ((Node *)h->exprs.data[i])->last);
    /* the closure: what the frame's types name, what those name, ... */
    for (int done = 0; done < r.len; done++) {
        int first = r.first[done], last = r.last[done];
        for (int i = 0; i < h->bindings.len; i++) {
            Binding *b = h->bindings.data[i];
            if (b->tok < first || b->tok > last)
                continue;
            b->needed = true;
            switch (b->kind) {
            case B_TAG:
                need_tag(&r, b->target);
                break;
            case B_TYPEDEF:
                need_typedef(h, &r, b->target);
                break;
            case B_ENUMC:
                need_tag(&r, enum_of(h, b->target));
                break;
            case B_VAR: {
                Var *v = b->target;
                if (!vec_has(&h->seen_vars, v) && check_var(h, v, b->tok)) {
                    vec_push(&h->seen_vars, v);
                    var_ranges(h, &r, v);
                }
                break;
            }
            }
        }
    }
    free(r.first);
    free(r.last);

    /* names */
    for (int i = 0; i < h->tags.len; i++) {
        TagDef *t = h->tags.data[i];
        if (t->needed)
            t->new_name = fresh(h, t->name ? t->name : arena_printf("enum_%d", ++h->anon));
        if (t->needed && t->decl)
            t->decl->hoisted = true;
    }
    for (int i = 0; i < h->enum_vars.len; i++) {
        TagDef *t = h->enum_tags.data[i];
        Var *v = h->enum_vars.data[i];
        if (t && t->needed && !var_new_name(h, v)) {
            vec_push(&h->vars, v);
            vec_push(&h->var_names, (void *)fresh(h, v->name));
        }
    }
    for (int i = 0; i < h->typedefs.len; i++) {
        Node *n = h->typedefs.data[i];
        for (int k = 0; k < n->decls.len; k++) {
            Decl *d = n->decls.data[k];
            if (!d->var)
                continue;
            const char *name = fresh(h, d->var->name);
            vec_push(&h->vars, d->var);
            vec_push(&h->var_names, (void *)name);
            renames_add(&src->body_map, h->tl, d->name_tok, d->name_tok, name);
            renames_add(&src->file_map, h->tl, d->name_tok, d->name_tok, name);
        }
    }

    /* the rewrites both maps share */
    for (int i = 0; i < h->tags.len; i++) {
        TagDef *t = h->tags.data[i];
        if (!t->needed || t->open < 0)
            continue;
        const char *drop = t->name ? "" : t->new_name;
        renames_add(&src->body_map, h->tl, t->open, t->close, drop);
        renames_add(&src->file_map, h->tl, t->open, t->close, drop);
    }
    for (int i = 0; i < h->bindings.len; i++) {
        Binding *b = h->bindings.data[i];
        const char *name = NULL;
        if (b->kind == B_TAG && ((TagDef *)b->target)->needed && ((TagDef *)b->target)->name)
            name = ((TagDef *)b->target)->new_name;
        else if (b->kind == B_TYPEDEF || b->kind == B_ENUMC)
            name = var_new_name(h, b->target);
        if (name) {
            renames_add(&src->body_map, h->tl, b->tok, b->tok, name);
            renames_add(&src->file_map, h->tl, b->tok, b->tok, name);
        } else if (b->kind == B_VAR && !b->node && ((Var *)b->target)->in_frame) {
            /* typeof(x) in the body */
            renames_add(&src->body_map, h->tl, b->tok, b->tok,
                        arena_printf("cy_f->%s", ((Var *)b->target)->field));
        }
    }
    hoist_rename_idents(h, h->co->body);

    /* at file scope, each local a type names is an expression of its type;
     * an __auto_type member has the type of its initialiser */
    const Renames *saved = src->renames;
    src->renames = &src->file_map;
    Vec vars = h->seen_vars;
    if (vars.len > 1)
        qsort(vars.data, (size_t)vars.len, sizeof(void *), cmp_var);
    for (int i = 0; i < vars.len; i++) {
        Var *v = vars.data[i];
        if (is_auto(h, v)) {
            Buf b = {0};
            bputs(&b, "__typeof__(");
            put_source(&b, src, T(h, v->decl->init->first)->start, T(h, v->decl->init->last)->end, -1);
            bputs(&b, ")");
            for (int k = v->decl_node->spec_first; k <= v->decl_node->spec_last; k++)
                if (T(h, k)->kind == AUTO_TYPE)
                    renames_add(&src->file_map, h->tl, k, k, btake(&b));
            bfree(&b);
        }
        const char *text = NULL;
        for (int k = 0; k < h->bindings.len; k++) {
            Binding *b = h->bindings.data[k];
            if (b->kind != B_VAR || b->target != v || !b->needed)
                continue;
            if (!text)
                text = deref_text(h, v);
            renames_add(&src->file_map, h->tl, b->tok, b->tok, text);
        }
    }
    src->renames = saved;
}

/* Enumerators hoisted are renamed wherever the body names them. */
void hoist_rename_idents(Hoist *h, Node *n)
{
    if (!h || !n)
        return;
    if (n->kind == N_IDENT && n->var && n->var->is_enum_const) {
        const char *name = var_new_name(h, n->var);
        if (name) {
            renames_add(&h->src->body_map, h->tl, n->tok, n->tok, name);
            renames_add(&h->src->file_map, h->tl, n->tok, n->tok, name);
        }
    }
    Kids k;
    node_children(n, &k);
    for (int i = 0; i < k.len; i++)
        hoist_rename_idents(h, k.data[i]);
    kids_free(&k);
}

static int item_end(const void *p, bool tag)
{
    if (tag) {
        const TagDef *t = p;
        return t->close >= 0 ? t->close : t->name_tok;
    }
    return ((const Node *)p)->last;
}

/* The hoisted definitions, in the order their ends have in the source
 * (a type is complete where its definition ends). */
char *hoist_text(Hoist *h)
{
    if (!h)
        return NULL;
    Source *src = h->src;
    const Renames *saved = src->renames;
    src->renames = &src->file_map;
    Buf b = {0};
    int ti = 0, di = 0;
    Vec tags = {0};
    for (int i = 0; i < h->tags.len; i++)
        if (((TagDef *)h->tags.data[i])->needed)
            vec_push(&tags, h->tags.data[i]);
    /* both lists are in source order of their starts; merge by ends */
    for (;;) {
        TagDef *t = NULL;
        for (int i = 0; i < tags.len; i++) {
            TagDef *x = tags.data[i];
            if (x && (!t || item_end(x, true) < item_end(t, true)))
                t = x, ti = i;
        }
        Node *n = NULL;
        for (int i = 0; i < h->typedefs.len; i++) {
            Node *x = h->typedefs.data[i];
            if (x && (!n || x->last < n->last))
                n = x, di = i;
        }
        if (!t && !n)
            break;
        if (t && (!n || item_end(t, true) < n->last)) {
            tags.data[ti] = NULL;
            const char *kw = t->kind == STRUCT ? "struct" : t->kind == UNION ? "union" : "enum";
            if (t->open < 0) {
                bprintf(&b, "%s %s;\n", kw, t->new_name);
                continue;
            }
            bprintf(&b, "%s %s ", kw, t->new_name);
            put_source(&b, src, T(h, t->open)->start, T(h, t->close)->end, t->open);
            bputs(&b, ";\n");
        } else {
            h->typedefs.data[di] = NULL;
            put_source(&b, src, T(h, n->first)->start, T(h, n->last)->end, -1);
            bputs(&b, "\n");
        }
    }
    src->renames = saved;
    if (!b.buf)
        return NULL;
    Buf out = {0};
    bprintf(&out, "/* types declared inside coroutine %s that its frame needs */\n", h->co->name);
    bputs(&out, b.buf);
    bfree(&b);
    return btake(&out);
}
