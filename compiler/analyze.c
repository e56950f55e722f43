/*
 * analyze.c - what a coroutine's body means for its frame.
 *
 * For one parsed coroutine:
 *   - its signature: name, parameters, result type, yield and receive types;
 *   - scopes: every identifier use is bound to its declaration;
 *   - suspension points: each yield and await gets a resume point number,
 *     in source order;
 *   - the frame: a local goes into the frame when a suspension point
 *     follows its declaration inside its scope (it is then alive across a
 *     suspension); parameters always do;
 *   - checks: what cannot live across a suspension (variable-length arrays,
 *     alloca, setjmp), return and yield forms that do not match the
 *     declaration, suspensions where no resume point can go.
 */
#include "cc.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    Source *src;
    TokenList *tl;
    Coroutine *co;
    Vec *all;
    Scope *scope;
    int uneval;        /* inside sizeof/_Alignof/_Generic */
    int stmtexpr;      /* inside a GNU statement expression */
    int in_defer;      /* inside a defer statement */
    Vec risky_calls;   /* Node * calls of alloca / setjmp, with their seq */
    Vec risky_seq;
    NameSet *fields;   /* frame member names in use */
    Hoist *hoist;      /* local types the frame needs (hoist.c) */
    Vec complits;      /* compound literals whose address may escape */
    Vec complit_seq;
    Vec complit_scope;
    const NameSet *names;  /* typedef names and macros (typedefs.c) */
    Vec macro_uses;        /* Node *: uses of a macro that names a local itself */
    Vec macro_vars;        /* Var *: the local, in the same order */
    Vec macro_names;       /* const Macro *'s name, as char * */
    /* defer (see walk_defer): the defers registered here, and where each
     * kind of jump goes */
    DeferCtx *dcur;
    Vec brk, cont, sw, trys;   /* DeferCtx * of the enclosing breakables,
                                  loops, switches, try bodies */
    int defer_brk, defer_cont, defer_sw; /* their depths at the innermost defer */
    Vec labels, gotos;         /* N_LABEL, N_GOTO nodes */
    Vec defer_clash;           /* Node *ident, Var *hider, int exit line:
                                  see defer_names */
    Vec goto_scopes;           /* Scope * of each of gotos, for defer_names */
    Vec cond_uses;         /* N_IDENT of a local declared in a conditional's branch */
    Vec cond_scopes;       /* Scope *: where each was used */
} A;

static const Token *T(A *a, int i) { return &a->tl->toks[i]; }

static bool tok_is(A *a, int i, const char *s)
{
    const Token *t = T(a, i);
    return (size_t)tok_len(t) == strlen(s) && !memcmp(tok_text(a->src, t), s, strlen(s));
}

static const char *tok_str(A *a, int i)
{
    return arena_strndup(tok_text(a->src, T(a, i)), (size_t)tok_len(T(a, i)));
}

/* ---- scopes ---- */

static Scope *open_scope(A *a, Node *owner)
{
    Scope *s = arena_alloc(sizeof *s);
    s->parent = a->scope;
    s->owner = owner;
    s->seq_start = a->co->nsusp;
    s->id = a->co->nscopes++;
    if (a->scope)
        vec_push(&a->scope->kids, s);
    a->scope = s;
    return s;
}

static void close_scope(A *a)
{
    a->scope->seq_end = a->co->nsusp;
    a->scope = a->scope->parent;
}

static Var *lookup(A *a, const char *name, size_t len)
{
    for (Scope *s = a->scope; s; s = s->parent)
        for (int i = s->vars.len - 1; i >= 0; i--) {
            Var *v = s->vars.data[i];
            if (strlen(v->name) == len && !memcmp(v->name, name, len))
                return v;
        }
    return NULL;
}

static Var *lookup_cb(void *ctx, const char *name, size_t len)
{
    return lookup(ctx, name, len);
}

/* An identifier declared twice in one scope is an error in C (6.7p3),
 * unless both declarations have linkage (extern) or are typedefs of the
 * same type (C11); the C compiler cannot see it once one of the two has
 * moved into the frame, so say it here. */
static Var *check_redeclaration(A *a, int name_tok, bool linkage, bool is_typedef)
{
    const Token *t = T(a, name_tok);
    Var *alias = NULL;
    for (int i = 0; i < a->scope->vars.len; i++) {
        Var *v = a->scope->vars.data[i];
        if ((size_t)tok_len(t) != strlen(v->name) || memcmp(v->name, tok_text(a->src, t), (size_t)tok_len(t)))
            continue;
        /* in another branch of a conditional: never both declared */
        if (guards_exclusive(guard_of(a->co, name_tok), guard_of(a->co, v->tok))) {
            alias = v->alias ? v->alias : v;
            continue;
        }
        if ((linkage && v->has_linkage) || (is_typedef && v->is_typedef))
            return alias;
        error_at(a->src, t->start, "redefinition of '%s' in the same scope", v->name);
        return alias;
    }
    return alias;
}

static Var *declare(A *a, int name_tok)
{
    Var *v = arena_alloc(sizeof *v);
    v->name = tok_str(a, name_tok);
    v->tok = name_tok;
    v->seq = a->co->nsusp;
    v->scope = a->scope;
    vec_push(&a->scope->vars, v);
    return v;
}

/* ---- types as text ---- */

static char *spec_type(A *a, int first, int last, bool drop_const)
{
    return spec_text(a->src, a->tl, first, last, drop_const);
}

/* A type name (as in coroutine(int *)) split around a name; only forms
 * where the name goes at the end are accepted. */
static bool type_name_text(A *a, Loc l, TypeText *out)
{
    for (int i = l.first; i <= l.last; i++) {
        int k = T(a, i)->kind;
        if (k == '(' || k == '[')
            return false;
    }
    out->pre = tokens_text(a->src, a->tl, l.first, l.last);
    out->suf = "";
    return true;
}

/* ---- the signature ---- */

/* A type of coroutine(Y, R): whether there is one (void is none). */
static bool coroutine_type(A *a, Loc l, TypeText *out, const char *refusal)
{
    if (l.first < 0)
        return false;
    if (!type_name_text(a, l, out)) {
        error_at(a->src, T(a, l.first)->start, "%s", refusal);
        return true;
    }
    return strcmp(out->pre, "void") != 0;
}

static void analyze_signature(A *a)
{
    Coroutine *co = a->co;
    Decl *d = co->decl;
    co->coro_tok = co->spec.coro_tok;
    if (d->kind != DK_FUNC || d->name_tok < 0) {
        error_at(a->src, T(a, co->coro_tok)->start,
                 "'coroutine' applies to functions only");
        return;
    }
    co->name_tok = d->name_tok;
    co->name = tok_str(a, d->name_tok);
    co->is_static = co->spec.is_static;
    co->params_open = d->params_open;
    co->params_close = d->params_close;
    co->params = d->params;
    co->variadic = d->variadic;
    if (co->spec.is_typedef)
        error_at(a->src, T(a, co->coro_tok)->start, "a typedef cannot be a coroutine");
    if (co->variadic && !co->plain)
        error_at(a->src, T(a, co->params_close)->start,
                 "coroutine '%s' cannot take variable arguments: they could not be kept in its frame",
                 co->name);

    /* (void) */
    if (co->params.len == 1) {
        Decl *p = co->params.data[0];
        if (p->name_tok < 0 && p->kind == DK_PLAIN && p->spec_first == p->spec_last &&
            T(a, p->spec_first)->kind == VOID) {
            co->params_void = true;
            co->params.len = 0;
        }
    }
    for (int i = 0; i < co->params.len; i++) {
        Decl *p = co->params.data[i];
        if (p->name_tok < 0 && co->body && !co->plain)
            error_at(a->src, T(a, p->spec_first)->start,
                     "parameter %d of coroutine '%s' has no name", i + 1, co->name);
    }

    /* the result type: specifiers + the declarator around name(params) */
    bool plain = T(a, co->decl_first)->kind == IDENTIFIER && co->decl_first == co->name_tok &&
                 co->decl_last == co->params_close;
    char *spec = spec_type(a, co->spec_first, co->spec_last, plain);
    /* void as the result: the specifiers, once coroutine(...) and the
     * qualifiers are left out, are just "void" */
    char *bare = spec_type(a, co->spec_first, co->spec_last, true);
    if (plain && (!strcmp(bare, "void") || !strcmp(bare, "volatile void"))) {
        co->result_void = true;
    } else {
        co->result.pre = co->decl_first < co->name_tok
            ? arena_printf("%s %s", spec, tokens_text(a->src, a->tl, co->decl_first, co->name_tok - 1))
            : spec;
        co->result.suf = co->params_close < co->decl_last
            ? tokens_text(a->src, a->tl, co->params_close + 1, co->decl_last) : "";
    }
    co->has_yield = coroutine_type(a, co->spec.y, &co->yield,
                                   "this yield type needs a typedef name (write typedef ... name_t; then coroutine(name_t))");
    co->has_recv = coroutine_type(a, co->spec.r, &co->recv,
                                  "this receive type needs a typedef name (write typedef ... name_t; then coroutine(T, name_t))");
}

/* ---- the body ---- */

static Coroutine *find_coroutine(A *a, const char *name, size_t len)
{
    for (int i = 0; i < a->all->len; i++) {
        Coroutine *c = a->all->data[i];
        if (c->name && strlen(c->name) == len && !memcmp(c->name, name, len))
            return c;
    }
    return NULL;
}

Vec unparsed_coroutines;

static bool unparsed_coroutine(const char *name, size_t len)
{
    for (int i = 0; i < unparsed_coroutines.len; i++) {
        const char *u = unparsed_coroutines.data[i];
        if (strlen(u) == len && !memcmp(u, name, len))
            return true;
    }
    return false;
}

/* a call of a function named by an identifier: f(...) */
static bool is_named_call(Node *n)
{
    return n->kind == N_CALL && ((Node *)n->kids.data[0])->kind == N_IDENT;
}

static bool walk(A *a, Node *n, bool value_used);

/* Is n a subscript of a compound literal: (T[]){...}[i]? */
static bool subscripted_literal(A *a, Node *n)
{
    if (n->kind != N_EXPR || n->kids.len != 2 || T(a, n->last)->kind != ']')
        return false;
    Node *base = n->kids.data[0], *index = n->kids.data[1];
    return base->kind == N_COMPLIT && index->first > base->last &&
           T(a, index->first - 1)->kind == '[';
}

static bool walk_kids(A *a, Vec *kids, bool used)
{
    bool s = false;
    for (int i = 0; i < kids->len; i++)
        if (kids->data[i] && walk(a, kids->data[i], used))
            s = true;
    return s;
}

static bool has_local_ident(Node *n)
{
    if (!n)
        return false;
    if (n->kind == N_IDENT && n->var && !n->var->is_enum_const && !n->var->is_static)
        return true;
    for (int i = 0; i < n->kids.len; i++)
        if (has_local_ident(n->kids.data[i]))
            return true;
    return false;
}

/* typedef int count_t; where count_t already names a type (of the file,
 * or an outer block): the parser reads count_t as a second type specifier
 * and sees no declarator, but C declares count_t again (6.7.2p2: a typedef
 * name after a type specifier is the declarator).  Make it the declarator,
 * so that it is declared in this scope like any other. */
static void redeclared_typedef(A *a, Node *n)
{
    if (!n->is_typedef || n->decls.len || n->spec_last <= n->spec_first ||
        T(a, n->spec_last)->kind != IDENTIFIER)
        return;
    int before = T(a, n->spec_last - 1)->kind;
    if (before == STRUCT || before == UNION || before == ENUM)
        return;
    bool type = false;
    for (int i = n->spec_first; i < n->spec_last; i++) {
        int k = T(a, i)->kind;
        if (k != TYPEDEF && k != CONST && k != VOLATILE && k != RESTRICT && k != ATOMIC)
            type = true;
    }
    if (!type)
        return;
    Decl *d = arena_alloc(sizeof *d);
    d->kind = DK_PLAIN;
    d->name_tok = d->first = d->last = n->spec_last;
    d->top_const_tok = -1;
    n->spec_last--;
    vec_push(&n->decls, d);
}

/* A call of a coroutine of the file or its headers, not of a local of
 * the same name: the coroutine, else NULL. */
static Coroutine *coroutine_call(A *a, Node *e)
{
    if (!e || !is_named_call(e) || ((Node *)e->kids.data[0])->var)
        return NULL;
    const Token *t = T(a, ((Node *)e->kids.data[0])->tok);
    if (lookup(a, tok_text(a->src, t), (size_t)tok_len(t)))
        return NULL;
    return find_coroutine(a, tok_text(a->src, t), (size_t)tok_len(t));
}

/* work(1); makes a task and drops it: it never runs and its frame leaks */
static void check_task_as_value(A *a, int at, Coroutine *c, const char *var);
static bool arithmetic_spec(A *a, int first, int last);

static void check_dropped_task(A *a, Node *e)
{
    Coroutine *c = coroutine_call(a, e);
    if (c) {
        warn_dropped_call(a->src, T(a, e->first)->start, c->name);
        return;
    }
    /* v = compute(21); with v an arithmetic local or parameter */
    if (!e || e->kind != N_EXPR || e->kids.len != 2)
        return;
    Node *lhs = e->kids.data[0], *rhs = e->kids.data[1];
    if (lhs->kind != N_IDENT || !lhs->var || !lhs->var->decl || lhs->last + 1 >= rhs->first ||
        T(a, lhs->last + 1)->kind != '=' || lhs->last + 2 != rhs->first)
        return;
    Var *v = lhs->var;
    int first = v->decl_node ? v->decl_node->spec_first : v->decl->spec_first;
    int last = v->decl_node ? v->decl_node->spec_last : v->decl->spec_last;
    if (v->decl->kind != DK_PLAIN || v->is_typedef || !arithmetic_spec(a, first, last))
        return;
    c = coroutine_call(a, rhs);
    if (c)
        check_task_as_value(a, T(a, rhs->first)->start, c, v->name);
}

/* int v = compute(21); (or v = compute(21); with v such a local): the
 * task handle is no int; the value is what await gives */
static void check_task_as_value(A *a, int at, Coroutine *c, const char *var)
{
    if (c->result_void)
        error_at(a->src, at,
                 "'%s' is a coroutine that returns nothing: calling it makes a task (cy_task *), not a value for '%s'; write 'await %s(...);' to run it",
                 c->name, var, c->name);
    else
        error_at(a->src, at,
                 "'%s' is a coroutine: calling it makes a task (cy_task *), not the %s%s it returns; write '%s = await %s(...)' to run it and take its result",
                 c->name, c->result.pre, c->result.suf ? c->result.suf : "", var, c->name);
}

static void walk_decl(A *a, Node *n)
{
    redeclared_typedef(a, n);
    if (a->in_defer && n->is_static && n->decls.len)
        error_at(a->src, T(a, n->first)->start,
                 "a static local inside a defer statement: coroc writes the statement once per way out of its block, which would make one object of each copy; declare it before the defer");
    /* enumerators are ordinary identifiers of this scope */
    for (int i = 0; i < n->enums.len; i++) {
        Var *v = declare(a, (int)(intptr_t)n->enums.data[i]);
        v->is_enum_const = true;
    }
    hoist_scan(a->hoist, n->spec_first, n->spec_last, a->scope, -1, n->decls.len ? NULL : n, NULL);
    if (n->is_coroutine) {
        error_at(a->src, T(a, n->tok)->start, "a coroutine must be declared at file scope");
        return;
    }
    for (int i = 0; i < n->decls.len; i++) {
        Decl *d = n->decls.data[i];
        hoist_scan(a->hoist, d->first, d->last, a->scope, d->name_tok, NULL, &d->dkids);
        bool s = false;
        for (int k = 0; k < d->dkids.len; k++)
            if (d->dkids.data[k] && walk(a, d->dkids.data[k], true))
                s = true;
        if (s)
            error_at(a->src, T(a, d->first)->start, "'yield' or 'await' in an array size");
        for (int k = 0; k < d->dkids.len; k++)
            if (has_local_ident(d->dkids.data[k]))
                d->is_vla = true;
        if (d->name_tok < 0)
            continue;
        bool linkage = n->is_extern || d->kind == DK_FUNC;
        Var *alias = check_redeclaration(a, d->name_tok, linkage, n->is_typedef);
        Var *v = declare(a, d->name_tok);
        v->alias = alias;
        v->decl = d;
        v->decl_node = n;
        v->has_linkage = linkage;
        v->is_static = n->is_static || n->is_extern;
        v->is_typedef = n->is_typedef;
        v->is_func = d->kind == DK_FUNC;
        d->var = v;
        if (d->init && walk(a, d->init, true))
            n->suspends = true;
        Coroutine *called = d->kind == DK_PLAIN && arithmetic_spec(a, n->spec_first, n->spec_last)
                            ? coroutine_call(a, d->init) : NULL;
        if (called)
            check_task_as_value(a, T(a, d->init->first)->start, called, tok_str(a, d->name_tok));
        /* a suspension inside its own initialiser happens before it holds
         * a value: it does not make it live across that suspension */
        v->seq = a->co->nsusp;
    }
}

static void check_call(A *a, Node *n)
{
    Node *callee = n->kids.data[0];
    if (callee->kind != N_IDENT || callee->var)
        return;
    static const char *risky[] = { "alloca", "__builtin_alloca", "setjmp", "_setjmp",
                                   "sigsetjmp", "__builtin_setjmp", "__sigsetjmp" };
    for (size_t i = 0; i < sizeof risky / sizeof *risky; i++)
        if (tok_is(a, callee->tok, risky[i])) {
            vec_push(&a->risky_calls, n);
            vec_push(&a->risky_seq, (void *)(intptr_t)a->co->nsusp);
        }
}

/* A macro used at n whose expansion names, by itself, a local in scope
 * there: coroc does not expand macros, so if that local lives in the frame
 * the expansion would read another object of the same name (checked once
 * the frame is known, in analyze_coroutine).  Macros its expansion uses
 * are followed a few levels deep. */
static void note_macro_locals(A *a, Node *n, const char *name, size_t len, int depth)
{
    if (!a->names || depth > 8)
        return;
    int line, col;
    source_pos(a->src, T(a, n->tok)->start, &line, &col);
    const Macro *m = find_macro_at(a->names, name, len, line);
    if (!m)
        return;
    if (depth == 0 && m->function_like &&
        (n->tok + 1 >= a->tl->ntoks || T(a, n->tok + 1)->kind != '('))
        return; /* a function-like macro's name alone is not expanded */
    for (int i = 0; i < m->words.len; i++) {
        const char *w = m->words.data[i];
        size_t wl = strlen(w);
        if (wl == len && !memcmp(w, name, len))
            continue;
        Var *v = lookup(a, w, wl);
        if (v && !v->is_typedef && !v->is_enum_const && !v->is_static && !v->is_func) {
            vec_push(&a->macro_uses, n);
            vec_push(&a->macro_vars, v);
            vec_push(&a->macro_names, arena_strndup(name, len));
        } else if (!v) {
            note_macro_locals(a, n, w, wl, depth + 1);
        }
    }
}

/* ---- defer: which defers run on each way out of a block ----
 *
 * A defer is registered when reached and runs when its block is left.
 * Since no jump may go past a registration into its scope (the C2y defer
 * TS's constraint, checked here), the defers registered at each point are
 * known from the text: a.dcur, a list that each defer extends and each
 * block end cuts back.  Every way out records where it is (dctx) and where
 * it goes (dtarget); the lowering writes the defers in between there. */

/* yield, await, throw, try in a plain function that coroc parses for its
 * defers: there the words are coroc's (a function named yield would be
 * read as a suspension) */
static void not_in_function(A *a, Node *n)
{
    error_at(a->src, T(a, n->first)->start,
             "'%.*s' in '%s', which is not a coroutine (coroc reads this function because it uses defer, and there the word is coroc's)",
             tok_len(T(a, n->first)), tok_text(a->src, T(a, n->first)), a->co->name);
}

static int src_line_of(A *a, int tok)
{
    int line, col;
    source_pos(a->src, T(a, tok)->start, &line, &col);
    return line;
}

/* A deferred statement is written again at each way out of its block,
 * in the scope of that exit: a name it reads must mean there what it
 * meant at the defer.  A declaration in between that hides it (int x
 * after defer f(x), in the block or an inner one) would make the copy
 * read another object; unless the object the defer meant is a frame
 * member (written cy_f->x, which nothing hides), that is refused once
 * the frame is placed (check_defer_clashes). */
static bool declared_in(const Var *v, const Node *n)
{
    return v && v->decl_node && v->decl_node->first >= n->first && v->decl_node->last <= n->last;
}

/* lookup from scope sc, seeing only what is declared before token limit */
static Var *lookup_at(Scope *sc, const char *name, size_t len, int limit)
{
    for (Scope *s = sc; s; s = s->parent)
        for (int i = s->vars.len - 1; i >= 0; i--) {
            Var *v = s->vars.data[i];
            if (v->decl_node && v->decl_node->first > limit)
                continue;
            if (strlen(v->name) == len && !memcmp(v->name, name, len))
                return v;
        }
    return NULL;
}

static void defer_names_in(A *a, Node *n, Node *d, int exit_tok)
{
    if (!n)
        return;
    if (n->kind == N_IDENT) {
        const Token *t = T(a, n->tok);
        Var *now = lookup_at(a->scope, tok_text(a->src, t), (size_t)tok_len(t), exit_tok);
        if (now != n->var && !declared_in(n->var, d->body)) {
            vec_push(&a->defer_clash, n);
            vec_push(&a->defer_clash, now);
            vec_push(&a->defer_clash, (void *)(intptr_t)src_line_of(a, exit_tok));
        }
        return;
    }
    Kids kids;
    node_children(n, &kids);
    for (int i = 0; i < kids.len; i++)
        defer_names_in(a, kids.data[i], d, exit_tok);
    kids_free(&kids);
}

/* the defers run at an exit (from, up to to): their names, seen from here */
static void defer_names(A *a, DeferCtx *from, DeferCtx *to, int exit_tok)
{
    for (DeferCtx *c = from; c && c != to; c = c->parent)
        defer_names_in(a, c->defer->body, c->defer, exit_tok);
}

static void check_defer_clashes(A *a)
{
    for (int i = 0; i + 2 < a->defer_clash.len; i += 3) {
        Node *n = a->defer_clash.data[i];
        Var *hider = a->defer_clash.data[i + 1];
        int line = (int)(intptr_t)a->defer_clash.data[i + 2];
        if (n->var && n->var->in_frame)
            continue;
        const char *name = tok_str(a, n->tok);
        if (hider && hider->decl_node)
            error_at(a->src, T(a, n->tok)->start,
                     "'%s' in this defer statement would name another '%s' (declared at line %d) where the defer runs, as its block is left at line %d: rename one of them",
                     name, name, src_line_of(a, hider->decl_node->first), line);
        else
            error_at(a->src, T(a, n->tok)->start,
                     "'%s' in this defer statement would name another '%s' where the defer runs, as its block is left at line %d: rename one of them",
                     name, name, line);
        /* one message per name and defer is enough */
        for (int k = i + 3; k + 2 < a->defer_clash.len; k += 3)
            if (a->defer_clash.data[k] == n)
                a->defer_clash.data[k] = NULL, a->defer_clash.data[k + 1] = NULL;
    }
}

static DeferCtx *defer_register(A *a, Node *n)
{
    DeferCtx *c = arena_alloc(sizeof *c);
    c->defer = n;
    c->parent = a->dcur;
    return c;
}

/* Is the list `inner` the list `outer` with defers added (or the same)? */
static bool defer_extends(DeferCtx *inner, DeferCtx *outer)
{
    for (DeferCtx *c = inner; c; c = c->parent)
        if (c == outer)
            return true;
    return outer == NULL;
}

static void walk_defer(A *a, Node *n)
{
    if (a->stmtexpr)
        error_at(a->src, T(a, n->tok)->start,
                 "'defer' inside a statement expression ({ ... }): its statement would run after the value is computed, and change it");
    vec_push(&a->co->defers, n);
    int brk = a->defer_brk, cont = a->defer_cont, sw = a->defer_sw;
    a->defer_brk = a->brk.len;
    a->defer_cont = a->cont.len;
    a->defer_sw = a->sw.len;
    a->in_defer++;
    walk(a, n->body, false);
    a->in_defer--;
    a->defer_brk = brk;
    a->defer_cont = cont;
    a->defer_sw = sw;
    n->dctx = defer_register(a, n);
    a->dcur = n->dctx;
}

/* The body of if, else, a loop or a switch is a block of its own (C11
 * 6.8.4p3, 6.8.5p5): what it registers runs when it ends. */
static bool walk_secondary(A *a, Node *body)
{
    if (!body)
        return false;
    DeferCtx *at = a->dcur;
    bool s = walk(a, body, false);
    if (a->dcur != at) {
        if (body->kind == N_DEFER)
            body->defer_now = true; /* if (c) defer f(); runs f() at once */
        else
            error_at(a->src, T(a, body->first)->start,
                     "a 'defer' that is the whole body of this statement, behind a label: put it in a block");
    }
    a->dcur = at;
    return s;
}

static void enter_breakable(A *a, bool is_switch)
{
    vec_push(&a->brk, a->dcur);
    vec_push(is_switch ? &a->sw : &a->cont, a->dcur);
}

static void leave_breakable(A *a, bool is_switch)
{
    a->brk.len--;
    if (is_switch)
        a->sw.len--;
    else
        a->cont.len--;
}

/* A point where control may leave blocks: a suspension (cancellation), a
 * throw or a failed await (to the innermost try, else out), a return. */
static void defer_point(A *a, Node *n, bool fails)
{
    n->dctx = a->dcur;
    n->dtarget = fails && a->trys.len ? a->trys.data[a->trys.len - 1] : NULL;
    defer_names(a, n->dctx, n->dtarget, n->first);
}

static void defer_break(A *a, Node *n)
{
    bool cont = n->kind == N_CONTINUE;
    Vec *to = cont ? &a->cont : &a->brk;
    const char *word = cont ? "continue" : "break";
    n->dctx = n->dtarget = a->dcur;
    if (!to->len)
        return; /* the C compiler says so */
    if (a->in_defer && to->len <= (cont ? a->defer_cont : a->defer_brk)) {
        error_at(a->src, T(a, n->first)->start,
                 "'%s' out of a defer statement: a deferred statement must run to its end", word);
        return;
    }
    n->dtarget = to->data[to->len - 1];
    defer_names(a, n->dctx, n->dtarget, n->first);
}

static void defer_case_label(A *a, Node *n)
{
    if (!a->sw.len)
        return;
    const char *word = n->kind == N_CASE ? "case" : "default";
    if (a->in_defer && a->sw.len <= a->defer_sw)
        error_at(a->src, T(a, n->first)->start,
                 "'%s' label inside a defer statement of its switch: the switch would jump into the deferred statement", word);
    else if (a->dcur != a->sw.data[a->sw.len - 1])
        error_at(a->src, T(a, n->first)->start,
                 "'%s' label in the scope of a defer statement of its switch: the switch would jump past the defer's registration; put the defer in a block inside the case", word);
}

static void defer_label(A *a, Node *n)
{
    n->dctx = a->dcur;
    vec_push(&a->labels, n);
    if (a->in_defer)
        error_at(a->src, T(a, n->tok)->start,
                 "a label inside a defer statement: coroc writes a deferred statement on every way out of its block, and the label would be defined more than once");
}

static void defer_goto(A *a, Node *n)
{
    n->dctx = n->dtarget = a->dcur;
    vec_push(&a->goto_scopes, a->scope); /* for defer_names, once its label is known */
    if (a->in_defer)
        error_at(a->src, T(a, n->first)->start,
                 "'goto' out of a defer statement: a deferred statement must run to its end");
    vec_push(&a->gotos, n);
}

static bool same_tok(A *a, int x, int y)
{
    return tok_len(T(a, x)) == tok_len(T(a, y)) &&
           !memcmp(tok_text(a->src, T(a, x)), tok_text(a->src, T(a, y)), (size_t)tok_len(T(a, x)));
}

static bool same_label(A *a, Node *l, Node *g)
{
    int t = g->first + 1;
    return t <= g->last && T(a, t)->kind != '*' && same_tok(a, l->tok, t);
}

/* Each goto: its label's defers must be its own or fewer (C2y defer TS:
 * a jump may leave the scope of a defer, never enter it past the defer). */
static void resolve_defer_gotos(A *a)
{
    if (!a->co->defers.len)
        return;
    for (int i = 0; i < a->gotos.len; i++) {
        Node *g = a->gotos.data[i];
        if (g->kids.len) {
            error_at(a->src, T(a, g->first)->start,
                     "a computed 'goto *' in a function with defer statements: coroc cannot tell which defers it leaves or jumps past");
            continue;
        }
        for (int k = 0; k < a->labels.len; k++) {
            Node *l = a->labels.data[k];
            if (!same_label(a, l, g))
                continue;
            if (!defer_extends(g->dctx, l->dctx))
                error_at(a->src, T(a, g->first)->start,
                         "'goto %s' jumps into the scope of a defer statement, past its registration (line %d): the defer would run without having been reached",
                         tok_str(a, l->tok), src_line_of(a, l->dctx ? l->dctx->defer->tok : l->tok));
            else {
                g->dtarget = l->dctx;
                Scope *here = a->scope;
                a->scope = a->goto_scopes.data[i];
                defer_names(a, g->dctx, g->dtarget, g->first);
                a->scope = here;
            }
            break;
        }
    }
}

/* offsetof(T, member.sub[i]) (or __builtin_offsetof): the designator
 * starts with a member name, not an identifier of the body, even when a
 * local has that name (its array indices are expressions, bound as such). */
static void unbind_offsetof_member(A *a, Node *n)
{
    Node *callee = n->kids.data[0];
    if (callee->kind != N_IDENT || callee->var || n->kids.len != 3 ||
        ((Node *)n->kids.data[1])->kind != N_TYPENAME ||
        !(tok_is(a, callee->tok, "offsetof") || tok_is(a, callee->tok, "__builtin_offsetof")))
        return;
    Node *m = n->kids.data[2];
    while (m->kind == N_EXPR && m->kids.len && ((Node *)m->kids.data[0])->first == m->first)
        m = m->kids.data[0];
    if (m->kind == N_IDENT)
        m->var = NULL;
}

/* Bind names, number suspension points, note what suspends.  Returns
 * whether n contains a suspension point. */
static bool walk(A *a, Node *n, bool used)
{
    if (!n)
        return false;
    bool s = false;
    switch (n->kind) {
    case N_IDENT:
        n->var = lookup(a, tok_text(a->src, T(a, n->tok)), (size_t)tok_len(T(a, n->tok)));
        if (n->var && n->var->is_typedef)
            n->var = NULL;
        if (!n->var)
            note_macro_locals(a, n, tok_text(a->src, T(a, n->tok)), (size_t)tok_len(T(a, n->tok)), 0);
        if (n->var && guard_of(a->co, n->var->tok)) {
            vec_push(&a->cond_uses, n);
            vec_push(&a->cond_scopes, a->scope);
        }
        return false;
    case N_YIELD:
        if (n->kids.len) {
            walk(a, n->kids.data[0], true);
            if (!a->co->has_yield)
                error_at(a->src, T(a, n->tok)->start,
                         "'yield' with a value in coroutine '%s', which declares no yield type; declare it as coroutine(T)",
                         a->co->name);
        } else if (a->co->has_yield) {
            a->co->has_bare_yield = true; /* yields "no value" (None) */
        }
        if (used && !a->co->has_recv)
            error_at(a->src, T(a, n->tok)->start,
                     "the value of 'yield' is used, but coroutine '%s' declares no receive type; declare it as coroutine(T, R)",
                     a->co->name);
        goto suspension;
    case N_AWAIT: {
        Node *op = n->kids.data[0];
        walk(a, op, true);
        a->co->has_errmsg = true;
        if (is_named_call(op) && !((Node *)op->kids.data[0])->var) {
            Node *callee = op->kids.data[0];
            n->callee = find_coroutine(a, tok_text(a->src, T(a, callee->tok)),
                                       (size_t)tok_len(T(a, callee->tok)));
        }
        /* a callee defined earlier in the file, not the coroutine itself:
         * its frame is complete here and no cycle of awaits can reach back,
         * so it can live inside this frame */
        n->embed = n->callee && n->callee->body && n->callee->first < a->co->first;
        /* awaiting itself: the children's frames are strictly nested in
         * time, so they come from a LIFO region instead of malloc */
        n->region = n->callee == a->co;
        if (n->region)
            a->co->has_region = true;
        if (!n->callee)
            a->co->handle_awaits = true;
        else if (n->embed || n->region)
            vec_push(&a->co->known_callees, n->callee);
        /* a call of a coroutine whose declaration did not parse: its
         * error is reported already */
        bool unparsed = !n->callee && is_named_call(op) &&
                        unparsed_coroutine(tok_text(a->src, T(a, ((Node *)op->kids.data[0])->tok)),
                                           (size_t)tok_len(T(a, ((Node *)op->kids.data[0])->tok)));
        const PlainFunction *plain = NULL;
        if (!n->callee && is_named_call(op) && !((Node *)op->kids.data[0])->var) {
            const Token *ct = T(a, ((Node *)op->kids.data[0])->tok);
            plain = find_plain_function(tok_text(a->src, ct), (size_t)tok_len(ct));
        }
        if (unparsed)
            ;
        else if (plain)
            error_at(a->src, T(a, op->first)->start,
                     "'%s' is a plain C function returning '%s', not a coroutine: 'await' takes a call of a coroutine or a task handle (cy_task *); %s",
                     plain->name, plain->result,
                     !strcmp(plain->name, "sleep") || !strcmp(plain->name, "usleep") ||
                     !strcmp(plain->name, "nanosleep")
                     ? "to wait without blocking the loop, await cy_sleep(loop, seconds)"
                     : "call it without 'await', or declare it as a coroutine");
        else if (n->callee && used && n->callee->result_void)
            error_at(a->src, T(a, n->tok)->start,
                     "the value of 'await' is used, but coroutine '%s' returns void",
                     n->callee->name);
        else if (!n->callee && used && is_named_call(op))
            error_at(a->src, T(a, op->first)->start,
                     "'%s' is not a coroutine declared in this file, so 'await' takes what it returns as a task handle, which has no value; declare the coroutine here, or read the task's result with CY_RESULT once it is done",
                     tok_str(a, ((Node *)op->kids.data[0])->tok));
        else if (!n->callee && used)
            error_at(a->src, T(a, n->tok)->start,
                     "'await' of a task handle has no value; read the task's result with CY_RESULT once it is done");
        goto suspension;
    }
    suspension:
        if (a->co->plain)
            not_in_function(a, n);
        n->value_used = used;
        n->id = ++a->co->nsusp;
        if (a->uneval)
            error_at(a->src, T(a, n->first)->start,
                     "'%s' in an operand that is not evaluated (sizeof, _Alignof, _Generic)",
                     T(a, n->first)->kind == YIELD ? "yield" : "await");
        if (a->in_defer)
            error_at(a->src, T(a, n->first)->start,
                     "'%s' inside a defer statement: a deferred statement runs as its block is left, also when the coroutine is cancelled, and cannot suspend",
                     T(a, n->first)->kind == YIELD ? "yield" : "await");
        defer_point(a, n, true);
        if (n->dctx)
            vec_push(&a->co->unwinds, (void *)(intptr_t)n->id);
        n->suspends = true;
        return true;
    case N_UNEVAL:
        a->uneval++;
        walk_kids(a, &n->kids, true);
        a->uneval--;
        return false;
    case N_COMMA:
        s = walk(a, n->kids.data[0], false);
        s |= walk(a, n->kids.data[1], used);
        break;
    case N_STMTEXPR:
        a->stmtexpr++;
        s = walk(a, n->body, true);
        a->stmtexpr--;
        if (s) {
            /* lowered as a block (lower.c): its locals and temporaries are
             * alive with the statement's; its value goes through a frame
             * temporary of the last expression's type */
            n->body->scope->pinned = true;
            Node *blk = n->body;
            Node *last = blk->kids.len ? blk->kids.data[blk->kids.len - 1] : NULL;
            if (used && last && last->kind == N_EXPRSTMT)
                hoist_need_expr(a->hoist, last->kids.data[0]);
        }
        break;
    case N_ADDR: {
        /* &(T){...}, or &(T[]){...}[i]: a pointer into the literal */
        Node *op = n->kids.data[0];
        if (op->kind == N_COMPLIT)
            op->addr_taken = true;
        else if (subscripted_literal(a, op))
            ((Node *)op->kids.data[0])->addr_taken = true;
        s = walk_kids(a, &n->kids, true);
        break;
    }
    case N_COMPLIT: {
        /* an array literal decays to a pointer to it */
        bool array = false;
        Node *type = n->kids.data[0];
        for (int i = type->first; i <= type->last; i++)
            if (T(a, i)->kind == '[')
                array = true;
        if ((array && !n->subscripted) || n->addr_taken) {
            vec_push(&a->complits, n);
            vec_push(&a->complit_seq, (void *)(intptr_t)a->co->nsusp);
            vec_push(&a->complit_scope, a->scope);
        }
        s = walk_kids(a, &n->kids, true);
        break;
    }
    case N_CALL:
        s = walk_kids(a, &n->kids, true);
        check_call(a, n);
        unbind_offsetof_member(a, n);
        break;
    case N_EXPR: case N_TYPENAME:
        /* GNU &&label: a label's address, kept in the frame */
        if (T(a, n->first)->kind == ANDAND && n->first + 1 == n->last)
            a->co->label_values = true;
        /* (T[]){...}[i]: the array's address does not outlive the
         * expression */
        if (subscripted_literal(a, n))
            ((Node *)n->kids.data[0])->subscripted = true;
        if (n->kind == N_TYPENAME)
            hoist_scan(a->hoist, n->first, n->last, a->scope, -1, NULL, &n->kids);
        s = walk_kids(a, &n->kids, true);
        break;
    case N_LOGAND: case N_LOGOR: case N_COND: case N_INITLIST:
        s = walk_kids(a, &n->kids, true);
        break;

    case N_BLOCK: {
        DeferCtx *at_start = a->dcur;
        n->scope = open_scope(a, n);
        for (int i = 0; i < n->kids.len; i++) {
            Node *k = n->kids.data[i];
            if (walk(a, k, false))
                s = true;
        }
        defer_names(a, a->dcur, at_start, n->last);
        close_scope(a);
        /* left at its end: the defers registered in it run */
        n->dctx = a->dcur;
        n->dtarget = at_start;
        a->dcur = at_start;
        break;
    }
    case N_THROW:
        s = walk_kids(a, &n->kids, true);
        if (n->kids.len > 1)
            a->co->has_errmsg = true;
        if (a->in_defer)
            error_at(a->src, T(a, n->tok)->start, "'throw' inside a defer statement");
        if (a->co->plain)
            not_in_function(a, n);
        defer_point(a, n, true);
        break;
    case N_TRY: {
        if (a->co->plain)
            not_in_function(a, n);
        a->co->has_try = true;
        vec_push(&a->trys, a->dcur);
        s = walk(a, n->body, false);
        a->trys.len--;
        n->scope = open_scope(a, n);
        Decl *d = n->decls.data[0];
        hoist_scan(a->hoist, n->spec_first, n->spec_last, a->scope, -1, NULL, NULL);
        hoist_scan(a->hoist, d->first, d->last, a->scope, d->name_tok, NULL, NULL);
        if (d->name_tok >= 0) {
            Var *v = declare(a, d->name_tok);
            v->decl = d;
            v->decl_node = n;
            d->var = v;
        }
        s |= walk(a, n->els, false);
        close_scope(a);
        break;
    }
    case N_DEFER:
        walk_defer(a, n);
        s = false;
        break;
    case N_DECL:
        walk_decl(a, n);
        s = n->suspends;
        break;
    case N_EXPRSTMT:
        s = walk(a, n->kids.data[0], false);
        check_dropped_task(a, n->kids.data[0]);
        break;
    case N_IF:
        s = walk(a, n->kids.data[0], true);
        s |= walk_secondary(a, n->body);
        s |= walk_secondary(a, n->els);
        break;
    case N_WHILE: case N_SWITCH:
        s = walk(a, n->kids.data[0], true);
        enter_breakable(a, n->kind == N_SWITCH);
        s |= walk_secondary(a, n->body);
        leave_breakable(a, n->kind == N_SWITCH);
        break;
    case N_DO:
        enter_breakable(a, false);
        s = walk_secondary(a, n->body);
        leave_breakable(a, false);
        s |= walk(a, n->kids.data[0], true);
        break;
    case N_FOR:
        n->scope = open_scope(a, n);
        if (n->init)
            s |= walk(a, n->init, false);
        s |= walk(a, n->cond, true);
        enter_breakable(a, false);
        s |= walk_secondary(a, n->body);
        leave_breakable(a, false);
        s |= walk(a, n->step, false);
        close_scope(a);
        break;
    case N_CASE:
        defer_case_label(a, n);
        s = walk_kids(a, &n->kids, true);
        s |= walk(a, n->body, false);
        break;
    case N_LABEL:
        for (Scope *sc = a->scope; sc; sc = sc->parent)
            sc->has_label = true;
        defer_label(a, n);
        s = walk(a, n->body, false);
        break;
    case N_DEFAULT:
        defer_case_label(a, n);
        s = walk(a, n->body, false);
        break;
    case N_GOTO:
        s = walk_kids(a, &n->kids, true);
        defer_goto(a, n);
        break;
    case N_RETURN:
        if (a->co->plain) {
            /* C's own rules, which the C compiler checks */
            walk_kids(a, &n->kids, true);
        } else if (n->kids.len) {
            s = walk(a, n->kids.data[0], true);
            if (a->co->result_void)
                error_at(a->src, T(a, n->tok)->start,
                         "'return' with a value in coroutine '%s', which returns void", a->co->name);
        } else if (!a->co->result_void) {
            error_at(a->src, T(a, n->tok)->start,
                     "'return' with no value in coroutine '%s', which returns '%s%s'",
                     a->co->name, a->co->result.pre, a->co->result.suf);
        }
        if (a->stmtexpr)
            error_at(a->src, T(a, n->tok)->start,
                     "'return' inside a statement expression ({ ... }) in a coroutine is not supported");
        if (a->in_defer)
            error_at(a->src, T(a, n->tok)->start, "'return' inside a defer statement");
        defer_point(a, n, false);
        n->dtarget = NULL;
        break;
    case N_ASM:
        walk_kids(a, &n->kids, true);
        break;
    case N_BREAK: case N_CONTINUE:
        defer_break(a, n);
        break;
    case N_NULLSTMT: case N_STATIC_ASSERT:
        break;
    }
    n->suspends = s;
    return s;
}

/* ---- the frame ---- */

static const char *unique_field(A *a, const char *name)
{
    size_t len = strlen(name);
    if (!nameset_has(a->fields, name, len)) {
        nameset_add(a->fields, name, len);
        return name;
    }
    for (int k = 2;; k++) {
        char *f = arena_printf("%s_%d", name, k);
        if (!nameset_has(a->fields, f, strlen(f))) {
            nameset_add(a->fields, f, strlen(f));
            return f;
        }
    }
}

/* Does the initialiser name a local (which the frame struct, at file
 * scope, cannot see)? */
static bool names_local(A *a, Node *n)
{
    if (!n)
        return false;
    if (n->kind == N_IDENT && (n->var || is_func_name(a->src, T(a, n->tok))))
        return true;
    for (int i = 0; i < n->kids.len; i++)
        if (names_local(a, n->kids.data[i]))
            return true;
    return names_local(a, n->body);
}

static bool is_designator_index(A *a, Node *kid);
static bool scalar_elements(A *a, Node *decl, Decl *d);

/* Do specifiers [first, last] name an arithmetic type with keywords only
 * (int, unsigned long, const double, _Complex float, ...)? */
static bool arithmetic_spec(A *a, int first, int last)
{
    for (int i = first; i <= last; i++) {
        switch (T(a, i)->kind) {
        case CHAR: case SHORT: case INT: case LONG: case FLOAT: case DOUBLE:
        case SIGNED: case UNSIGNED: case BOOL: case COMPLEX: case CONST:
        case VOLATILE: case AUTO: case REGISTER: case INT128:
            break;
        default:
            return false;
        }
    }
    return true;
}

/* Is the expression surely of a scalar type, as its form says (so that it
 * initialises one scalar, whatever braces are elided around it)? */
static bool surely_scalar(A *a, Node *n)
{
    switch (n->kind) {
    case N_IDENT:
        if (!n->var)
            return false;
        if (n->var->is_enum_const)
            return true;
        if (n->var->is_param) {
            Decl *p = n->var->decl;
            if (p->kind == DK_POINTER)
                return true;
            if (p->kind != DK_PLAIN)
                return false;
            return arithmetic_spec(a, p->spec_first, p->spec_last);
        }
        return n->var->decl_node && n->var->decl->kind != DK_ARRAY &&
               n->var->decl->kind != DK_FUNC && n->var->decl_node->kind == N_DECL &&
               scalar_elements(a, n->var->decl_node, n->var->decl);
    case N_LOGAND: case N_LOGOR:
        return true;
    case N_COND:
        return n->kids.data[1] && surely_scalar(a, n->kids.data[1]) &&
               surely_scalar(a, n->kids.data[2]);
    case N_COMMA:
        return surely_scalar(a, n->kids.data[1]);
    case N_EXPR: {
        int k0 = T(a, n->first)->kind;
        if (n->kids.len == 0)
            return k0 == CONSTANT; /* a constant; a string is an array */
        if (n->kids.len == 1 && n->first < ((Node *)n->kids.data[0])->first)
            return k0 == '-' || k0 == '+' || k0 == '!' || k0 == '~';
        if (n->kids.len == 2) {
            Node *l = n->kids.data[0];
            int op = T(a, l->last + 1)->kind;
            switch (op) {
            case '+': case '-': case '*': case '/': case '%': case '<': case '>':
            case LE: case GE: case EQ: case NE: case '&': case '|': case '^':
            case SHL: case SHR:
                return true;
            default:
                return false;
            }
        }
        return false;
    }
    default:
        return false;
    }
}

/* Are all the leaves of an initialiser list surely scalars? */
static bool scalar_leaves(A *a, Node *list)
{
    for (int k = 0; k < list->kids.len; k++) {
        Node *x = list->kids.data[k];
        if (is_designator_index(a, x))
            continue;
        if (x->kind == N_INITLIST ? !scalar_leaves(a, x) : !surely_scalar(a, x))
            return false;
    }
    return true;
}

/* Does a designator's index, at any depth, name a local? */
static bool local_in_designators(A *a, Node *list)
{
    for (int k = 0; k < list->kids.len; k++) {
        Node *x = list->kids.data[k];
        if (is_designator_index(a, x) ? names_local(a, x)
                                      : x->kind == N_INITLIST && local_in_designators(a, x))
            return true;
    }
    return false;
}

/* Is this child of an initialiser list the index of a designator ([i] =
 * or [i ... j] =), not a value? */
static bool is_designator_index(A *a, Node *kid)
{
    int before = T(a, kid->first - 1)->kind;
    return before == '[' || before == ELLIPSIS;
}

/* Are the elements of array d scalars, as far as its text says?  A pointer
 * or an arithmetic type written with keywords only. */
static bool scalar_elements(A *a, Node *decl, Decl *d)
{
    int brackets = 0;
    bool star = false;
    for (int i = d->first; i <= d->last; i++) {
        int k = T(a, i)->kind;
        if (k == '[')
            brackets++;
        else if (k == '*')
            star = true;
    }
    if (brackets > 1)
        return false;
    if (star)
        return true;
    return arithmetic_spec(a, decl->spec_first, decl->spec_last);
}

/* a[] = init kept in the frame: how the frame member gets its size, as C
 * counts it (see SIZE_* in cc.h); refused where that cannot be known at
 * file scope. */
static int array_size_method(A *a, Var *v)
{
    Decl *d = v->decl;
    Node *init = d->init;
    bool designated = false, all_braced = init->kind == N_INITLIST;
    for (int k = 0; init->kind == N_INITLIST && k < init->kids.len; k++) {
        Node *x = init->kids.data[k];
        if (x->designated)
            designated = true;
        if (x->kind != N_INITLIST)
            all_braced = false;
    }
    /* one element per initialiser: braced elements, or scalars (but for a
     * string literal in braces, which initialises a whole char array) */
    bool string = init->kind == N_INITLIST && init->kids.len == 1 &&
                  T(a, ((Node *)init->kids.data[0])->first)->kind == STRING_LITERAL;
    bool scalar = !string && scalar_elements(a, v->decl_node, d);
    if (init->kind == N_INITLIST && !designated && (all_braced || scalar))
        return SIZE_COUNT;
    /* scalars with designators: the C compiler counts a literal with every
     * value written 0 and the designators as they are, which must then
     * name no local (they are constant expressions: a local enumerator or
     * a sizeof of a local could still appear) */
    if (init->kind == N_INITLIST && (scalar ? designated : scalar_leaves(a, init)) &&
        !local_in_designators(a, init))
        return SIZE_ZEROED;
    if (!names_local(a, init))
        return SIZE_LITERAL;
    error_at(a->src, T(a, d->name_tok)->start,
             "array '%s' lives across a suspension, so it is kept in the frame, at file scope, where its size must be known; it comes from an initialiser that names locals%s: give the array an explicit size",
             v->name, designated ? " and designators" : "");
    return SIZE_NONE;
}

/* The declarations of one name in the branches of a conditional are one
 * frame member (each under its own condition): the uses after the #endif
 * name it, whichever branch declared it.  If one of them lives in the
 * frame, all do (the condition of place, below). */
static void unify_aliases(Scope *s)
{
    bool looped = s->has_label && s->seq_end > s->seq_start;
    for (int i = 0; i < s->vars.len; i++) {
        Var *v = s->vars.data[i];
        if (v->alias && (v->force_frame || looped || s->seq_end > v->seq))
            v->alias->force_frame = true;
    }
    for (int i = 0; i < s->vars.len; i++) {
        Var *v = s->vars.data[i];
        if (v->alias && (v->alias->force_frame || looped || s->seq_end > v->alias->seq))
            v->force_frame = true;
    }
}

static bool place(A *a, Scope *s)
{
    bool any = false;
    unify_aliases(s);
    for (int i = 0; i < s->vars.len; i++) {
        Var *v = s->vars.data[i];
        if (v->is_static || v->is_typedef || v->is_enum_const || v->is_func)
            continue;
        /* a goto back to a label inside the scope keeps the scope, and
         * its locals, alive: then a suspension anywhere in it counts */
        bool looped = s->has_label && s->seq_end > s->seq_start;
        if (!v->is_param && !v->force_frame && !looped && s->seq_end <= v->seq)
            continue; /* no suspension point after it in its scope */
        v->in_frame = true;
        v->field = v->alias && v->alias->field ? v->alias->field : unique_field(a, v->name);
        any = true;
        Decl *d = v->decl;
        int at = d ? T(a, d->name_tok)->start : 0;
        if (d && d->is_vla)
            error_at(a->src, at,
                     "variable-length array '%s' cannot live across a suspension: give it a constant size, or allocate it",
                     v->name);
        if (d && !v->is_param && d->incomplete_array && d->init)
            v->array_size = array_size_method(a, v);
    }
    for (int i = 0; i < s->kids.len; i++)
        if (place(a, s->kids.data[i]))
            any = true;
    return any;
}

/* The guard under which a local is declared in every configuration that
 * declares it at all: its own branch, or the group's guard when the name
 * is declared in each branch (aliases). */
static const CondBranch *decl_guard(A *a, Var *v)
{
    Var *root = v->alias ? v->alias : v;
    Vec gs = {0};
    for (int i = 0; i < v->scope->vars.len; i++) {
        Var *w = v->scope->vars.data[i];
        if (w == root || w->alias == root)
            vec_push(&gs, (void *)guard_of(a->co, w->tok));
    }
    return union_guard(a->src, a->tl, (const CondBranch **)gs.data, gs.len);
}

/* Another local of the same name that the use would name where v is not
 * declared (an outer one that v shadows), or NULL. */
static Var *shadowed(Scope *from, Var *v)
{
    Var *root = v->alias ? v->alias : v;
    for (Scope *s = from; s; s = s->parent)
        for (int i = s->vars.len - 1; i >= 0; i--) {
            Var *w = s->vars.data[i];
            if (w != root && w->alias != root && !strcmp(w->name, v->name))
                return w;
        }
    return NULL;
}

/* A local declared in a branch of a conditional, used where another
 * configuration does not declare it: coroc binds each name once, so if
 * the local or another of its name lives in the frame, the use would be
 * written for one configuration only. */
static void check_cond_uses(A *a)
{
    Vec told = {0}; /* Var *: reported at its first such use only */
    for (int i = 0; i < a->cond_uses.len; i++) {
        Node *n = a->cond_uses.data[i];
        Var *v = n->var;
        bool again = false;
        for (int k = 0; k < told.len; k++)
            again |= told.data[k] == v;
        if (!v || again)
            continue;
        const CondBranch *dg = decl_guard(a, v);
        if (guard_covers(a->src, a->tl, dg, guard_of(a->co, n->tok)))
            continue;
        /* where nothing else has the name, the use is an error of the
         * configurations that do not declare it, in C as in the
         * translation; written as it is, a local that is not in the frame
         * is bound in each by the C compiler */
        Var *outer = shadowed(a->cond_scopes.data[i], v);
        if (!outer || (!v->in_frame && !outer->in_frame))
            continue;
        vec_push(&told, v);
        int line, col;
        source_pos(a->src, T(a, v->tok)->start, &line, &col);
        error_at(a->src, T(a, n->tok)->start,
                 "'%s' names the local declared in a branch of a conditional (line %d), but the configurations that do not declare it name another local of that name here; coroc keeps %s in the frame and binds each name once for every configuration: declare '%s' in every branch or before the conditional, or give one of the two another name",
                 v->name, line, v->in_frame ? "it" : "that other local", v->name);
    }
}

/* A compound literal kept in the frame: a member cy_clN of its block's
 * scope, of its type (an array of unknown size counted as for a variable,
 * see array_size_method), written at file scope by frame.c. */
static void complit_to_frame(A *a, Node *n, Scope *sc, int k)
{
    Node *tn = n->kids.data[0];
    Var *v = arena_alloc(sizeof *v);
    v->name = arena_printf("cy_cl%d", k);
    v->force_frame = true;
    v->scope = sc;
    v->clit = n;
    int open = -1, brackets = 0;
    bool star = false;
    for (int i = tn->first; i <= tn->last; i++) {
        if (T(a, i)->kind == '[' && brackets++ == 0 && i < tn->last && T(a, i + 1)->kind == ']')
            open = i;
        if (T(a, i)->kind == '*')
            star = true;
    }
    if (open >= 0) {
        bool designated = false, braced = true;
        for (int i = 1; i < n->kids.len; i++) {
            Node *x = n->kids.data[i];
            designated |= x->designated;
            braced &= x->kind == N_INITLIST;
        }
        bool string = n->kids.len == 2 &&
                      T(a, ((Node *)n->kids.data[1])->first)->kind == STRING_LITERAL;
        bool scalar = brackets == 1 && (star || arithmetic_spec(a, tn->first, open - 1));
        if (!designated && !string && (braced || scalar)) {
            v->array_size = SIZE_COUNT;
            v->clit_count = n->kids.len - 1;
        } else if (!names_local(a, n)) {
            v->array_size = SIZE_LITERAL;
        } else {
            error_at(a->src, T(a, n->first)->start,
                     "this compound literal is kept in the frame (a pointer to it may be used after a later suspension in its block), at file scope, where its size must be known; it comes from an initialiser that names locals: give the array type a size");
            return;
        }
    }
    vec_push(&sc->vars, v);
    n->var = v;
    hoist_need_expr(a->hoist, tn);
}

void analyze_coroutine(Source *src, TokenList *tl, const NameSet *names, Coroutine *co,
                       Vec *all)
{
    A a = { .src = src, .tl = tl, .co = co, .all = all, .names = names };
    a.fields = nameset_new();
    static const char *reserved[] = { "cy_task", "cy_result", "cy_yield", "cy_recv", "cy_head_", "cy_err_" };
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        nameset_add(a.fields, reserved[i], strlen(reserved[i]));
    int errors = error_count;
    analyze_signature(&a);
    if (error_count != errors || !co->body)
        return;

    co->scope = open_scope(&a, NULL);
    a.hoist = co->hoist = hoist_new(src, tl, co, lookup_cb, &a);
    for (int i = 0; i < co->params.len; i++) {
        Decl *p = co->params.data[i];
        Var *v = declare(&a, p->name_tok);
        v->is_param = true;
        v->decl = p;
        p->var = v;
        vec_push(&co->param_vars, v);
        /* a parameter of array type is a pointer: int b[n] is no VLA */
        for (int k = 0; k < p->dkids.len; k++)
            walk(&a, p->dkids.data[k], true);
    }
    walk(&a, co->body, false);
    close_scope(&a);
    resolve_defer_gotos(&a);

    for (int i = 0; i < a.risky_calls.len; i++) {
        Node *n = a.risky_calls.data[i];
        int seq = (int)(intptr_t)a.risky_seq.data[i];
        if (seq < co->nsusp) {
            Node *callee = n->kids.data[0];
            bool jmp = strstr(tok_str(&a, callee->tok), "jmp") != NULL;
            error_at(src, T(&a, callee->tok)->start, jmp
                     ? "'%s' in a coroutine before a suspension point: the jump buffer would outlive the stack it saves"
                     : "memory from '%s' cannot live across a suspension: the stack it lives on is left at each suspension",
                     tok_str(&a, callee->tok));
        }
    }
    /* a compound literal lives until the end of its block: one a pointer
     * to which may be used past a later suspension there moves into the
     * frame, like a variable of that block */
    for (int i = 0; i < a.complits.len; i++) {
        Node *n = a.complits.data[i];
        Scope *sc = a.complit_scope.data[i];
        if (sc && sc->seq_end > (int)(intptr_t)a.complit_seq.data[i])
            complit_to_frame(&a, n, sc, i + 1);
    }
    /* resume points are numbered in the frame header's 16-bit state, where
     * 0xFFFF is CY_STATE_CANCEL */
    if (co->nsusp >= 0xFFFF)
        error_at(src, T(&a, co->name_tok)->start,
                 "coroutine '%s' has %d suspension points; at most 65534 fit in its frame's state: split it into several coroutines",
                 co->name, co->nsusp);
    place(&a, co->scope);
    check_defer_clashes(&a);
    if (error_count == errors)
        hoist_decide(a.hoist);
    for (int i = 0; i < a.macro_uses.len; i++) {
        Var *v = a.macro_vars.data[i];
        Node *n = a.macro_uses.data[i];
        if (v->in_frame)
            error_at(src, T(&a, n->tok)->start,
                     "macro '%s' names '%s' by itself, a local of coroutine '%s' kept in its frame: coroc did not expand this use, so the expansion would not see it; pass '%s' to the macro as an argument",
                     (const char *)a.macro_names.data[i], v->name, co->name, v->name);
    }
    check_cond_uses(&a);
    co->fields = a.fields;
}

/* A child can run inline, called directly by its parent, when nothing
 * under it awaits a task handle: the runtime's waits find the task from
 * its innermost frame, which an inline run does not record until it
 * suspends.  The greatest fixpoint over the awaits of known frames. */
void decide_inline(Vec *coros)
{
    for (int i = 0; i < coros->len; i++) {
        Coroutine *c = coros->data[i];
        c->runs_inline = c->body && !c->handle_awaits;
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < coros->len; i++) {
            Coroutine *c = coros->data[i];
            if (!c->runs_inline)
                continue;
            for (int k = 0; k < c->known_callees.len; k++)
                if (!((Coroutine *)c->known_callees.data[k])->runs_inline) {
                    c->runs_inline = false;
                    changed = true;
                    break;
                }
        }
    }
}

void analyze_function(Source *src, TokenList *tl, const NameSet *names, Coroutine *co)
{
    Vec none = {0};
    A a = { .src = src, .tl = tl, .co = co, .all = &none, .names = names };
    a.fields = nameset_new();
    int errors = error_count;
    analyze_signature(&a);
    if (error_count != errors || !co->body)
        return;
    co->scope = open_scope(&a, NULL);
    for (int i = 0; i < co->params.len; i++) {
        Decl *p = co->params.data[i];
        if (p->name_tok < 0)
            continue;
        Var *v = declare(&a, p->name_tok);
        v->is_param = true;
        v->decl = p;
        p->var = v;
        vec_push(&co->param_vars, v);
    }
    walk(&a, co->body, false);
    close_scope(&a);
    resolve_defer_gotos(&a);
    check_defer_clashes(&a);
    co->fields = a.fields; /* no frame: every local stays as written */
}
