/*
 * frame.c - the layout pass: the frame struct of each coroutine, and the
 * --frames report.
 *
 * Reads what analysis put in the frame (parameters, the locals that live
 * across a suspension, each scope's children) and the temporaries the
 * lowering made for each statement; writes only a Layout per coroutine.
 * Sibling scopes and the temporaries of different statements are never
 * alive together, so they share storage in unions; the result shares it
 * with the locals, which are dead once it is written (unless a defer still
 * reads them).
 */
#include "cc.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    Source *src;
    TokenList *tl;
    Coroutine *co;
    const CondBranch *open; /* the conditional branch the members written stand in */
} L;

/* Members that exist in one branch of a conditional only are written
 * under its directives (cond.c); the lines of the struct itself under
 * none. */
static void guard_to(L *e, Buf *b, const CondBranch *want)
{
    guard_switch(b, e->src, e->tl, &e->open, want);
}

static int src_line(L *e, int tok)
{
    int line, col;
    source_pos(e->src, e->tl->toks[tok].start, &line, &col);
    return line;
}


/* The initialiser's text, as written, or with each value (but not the
 * designators' indices) written 0. */
static void put_init(L *e, Buf *b, Node *init, bool zero_values)
{
    const Token *toks = e->tl->toks;
    int from = toks[init->first].start, to = toks[init->last].end;
    for (int k = 0; zero_values && k < init->kids.len; k++) {
        Node *x = init->kids.data[k];
        int before = toks[x->first - 1].kind;
        if (before == '[' || before == ELLIPSIS)
            continue; /* a designator's index */
        put_source(b, e->src, from, toks[x->first].start, -1);
        if (x->kind == N_INITLIST)
            put_init(e, b, x, true); /* braces kept, leaves written 0 */
        else
            bputs(b, "0");
        from = toks[x->last].end;
    }
    put_source(b, e->src, from, to, -1);
}

/* The size of a frame member a[] = init, as C counts it (SIZE_*). */
static const char *array_size(L *e, Var *v)
{
    Decl *d = v->decl;
    if (!d || !d->incomplete_array || !d->init || v->array_size == SIZE_NONE)
        return NULL;
    if (v->array_size == SIZE_COUNT)
        return arena_printf("%d", d->init->kids.len);
    /* sizeof (T []){ init } / sizeof (T []){ init }[0] */
    Buf lit = {0};
    bputs(&lit, "(");
    put_spec(&lit, e->src, e->tl, v->decl_node->spec_first, v->decl_node->spec_last, false);
    bputs(&lit, " ");
    put_declarator(&lit, e->src, e->tl, d, "", false, NULL);
    bputs(&lit, ")");
    if (d->init->kind != N_INITLIST)
        bputs(&lit, "{ ");
    put_init(e, &lit, d->init, v->array_size == SIZE_ZEROED);
    if (d->init->kind != N_INITLIST)
        bputs(&lit, " }");
    char *s = btake(&lit);
    return arena_printf("sizeof %s / sizeof %s[0]", s, s);
}

static void indent(Buf *b, int depth)
{
    for (int i = 0; i < depth; i++)
        bputs(b, "    ");
}

/* A compound literal kept in the frame: __typeof__(its type name), the
 * size of an array of unknown size written in, or __typeof__ of the
 * literal itself (an initialiser that names no local). */
static void put_complit_member(L *e, Buf *b, Var *v, int depth)
{
    Node *n = v->clit, *tn = n->kids.data[0];
    const Token *toks = e->tl->toks;
    indent(b, depth);
    bputs(b, "__typeof__(");
    if (v->array_size == SIZE_LITERAL) {
        put_source(b, e->src, toks[n->first].start, toks[n->last].end, -1);
    } else {
        bool sized = false;
        for (int i = tn->first; i <= tn->last; i++) {
            const Rename *r = rename_at(e->src, i);
            if (i > tn->first)
                bputs(b, " ");
            if (r) {
                bputs(b, r->text);
                i = r->last;
                continue;
            }
            bput(b, tok_text(e->src, &toks[i]), (size_t)tok_len(&toks[i]));
            if (!sized && v->array_size == SIZE_COUNT && toks[i].kind == '[') {
                bprintf(b, "%d", v->clit_count);
                sized = true;
            }
        }
    }
    bprintf(b, ") %s;\n", v->field);
}

static void put_var_member(L *e, Buf *b, Var *v, int depth)
{
    if (v->clit) {
        put_complit_member(e, b, v, depth);
        return;
    }
    Decl *d = v->decl;
    indent(b, depth);
    if (v->is_param) {
        put_spec(b, e->src, e->tl, d->spec_first, d->spec_last, drops_const(d));
        bputs(b, " ");
        put_declarator(b, e->src, e->tl, d, v->field, true, NULL);
    } else {
        put_spec(b, e->src, e->tl, v->decl_node->spec_first, v->decl_node->spec_last,
                 drops_const(d) && !v->decl_node->spec_has_body);
        bputs(b, " ");
        put_declarator(b, e->src, e->tl, d, v->field, false, array_size(e, v));
    }
    bputs(b, ";\n");
}

static Vec *temp_groups(L *e, Scope *s) { return &e->co->lowered->temps[s->id]; }

/* Does the scope, or one inside it, put anything in the frame? */
static bool scope_empty(L *e, Scope *s)
{
    for (int i = 0; i < s->vars.len; i++)
        if (((Var *)s->vars.data[i])->in_frame)
            return false;
    for (int i = 0; i < s->kids.len; i++)
        if (!scope_empty(e, s->kids.data[i]))
            return false;
    return temp_groups(e, s)->len == 0;
}

static void put_scope(L *e, Buf *b, Scope *s, int depth);

/* members of a scope: its own frame objects, then a union of what its
 * inner scopes and statements hold (they are never alive together) */
static void put_scope(L *e, Buf *b, Scope *s, int depth)
{
    for (int i = 0; i < s->vars.len; i++) {
        Var *v = s->vars.data[i];
        if (!v->in_frame)
            continue;
        /* objects of one declaration whose type has a body share it */
        if (v->decl_node && v->decl_node->spec_has_body) {
            Node *n = v->decl_node;
            if (n->decls.data[0] != v->decl)
                continue;
            guard_to(e, b, guard_of(e->co, v->tok));
            indent(b, depth);
            put_spec(b, e->src, e->tl, n->spec_first, n->spec_last, false);
            for (int k = 0; k < n->decls.len; k++) {
                Decl *d = n->decls.data[k];
                bputs(b, k ? ", " : " ");
                put_declarator(b, e->src, e->tl, d, d->var->field, false, array_size(e, d->var));
            }
            bputs(b, ";\n");
            continue;
        }
        guard_to(e, b, guard_of(e->co, v->tok));
        put_var_member(e, b, v, depth);
    }
    guard_to(e, b, NULL);
    int arms = 0;
    for (int i = 0; i < s->kids.len; i++) {
        Scope *k = s->kids.data[i];
        if (k->pinned && !scope_empty(e, k))
            put_scope(e, b, k, depth); /* alive with a statement's temporaries */
        else if (!scope_empty(e, k))
            arms++;
    }
    arms += temp_groups(e, s)->len;
    if (!arms)
        return;
    bool one = arms == 1;
    if (!one) {
        indent(b, depth);
        bputs(b, "union {\n");
        depth++;
    }
    for (int i = 0; i < s->kids.len; i++) {
        Scope *k = s->kids.data[i];
        if (scope_empty(e, k) || k->pinned)
            continue;
        if (one) {
            put_scope(e, b, k, depth);
            continue;
        }
        indent(b, depth);
        int line = k->owner ? src_line(e, k->owner->first) : 0;
        bprintf(b, "struct { /* %s at line %d */\n",
                k->owner && k->owner->kind == N_FOR ? "for" : "block", line);
        put_scope(e, b, k, depth + 1);
        indent(b, depth);
        bputs(b, "};\n");
    }
    for (int i = 0; i < temp_groups(e, s)->len; i++) {
        TempGroup *g = temp_groups(e, s)->data[i];
        if (!one) {
            indent(b, depth);
            bputs(b, "struct { /* temporaries */\n");
        }
        for (int k = 0; k < g->temps.len; k++) {
            Temp *t = g->temps.data[k];
            guard_to(e, b, guard_of(e->co, t->tok));
            indent(b, depth + !one);
            put_typed(b, t->type, t->field);
            bputs(b, ";\n");
        }
        guard_to(e, b, NULL);
        if (!one) {
            indent(b, depth);
            bputs(b, "};\n");
        }
    }
    if (!one) {
        depth--;
        indent(b, depth);
        bputs(b, "};\n");
    }
}

static void put_frame(L *e, Buf *b)
{
    Coroutine *co = e->co;
    bprintf(b, "/* frame of coroutine %s: what survives a suspension */\n", co->name);
    bprintf(b, "struct %s__frame {\n", co->name);
    bputs(b, "    cy_task cy_task;\n");
    if (co->has_yield) {
        bputs(b, "    ");
        put_typed(b, co->yield, "cy_yield");
        bputs(b, "; /* the value yielded last */\n");
    }

    if (co->has_recv) {
        bputs(b, "    ");
        put_typed(b, co->recv, "cy_recv");
        bputs(b, "; /* the value sent in */\n");
    }
    if (co->has_errmsg)
        bputs(b, "    const char *cy_errmsg; /* the message of a failure */\n");
    if (co->has_try)
        bputs(b, "    cy_i32 cy_caught; /* the error a catch receives */\n");
    if (co->unwinds.len && co->nsusp > 1)
        bputs(b, "    cy_u16 cy_at; /* the last resume point, for a cancellation's defers */\n");
    if (co->has_region)
        bputs(b, "    cy_region *cy_reg; /* where the frames of recursive awaits come from */\n");
    bool body = !scope_empty(e, co->scope);
    /* the result shares storage with the locals, which are dead once it is
     * written (defer statements run before) */
    bool shared = body;
    if (!co->result_void && !shared) {
        bputs(b, "    ");
        put_typed(b, co->result, "cy_result");
        bputs(b, ";\n");
    }
    if (!body && (co->result_void || !shared)) {
        bprintf(b, "};\n");
        return;
    }
    bputs(b, "    union {\n");
    bputs(b, "        struct { /* parameters and locals */\n");
    put_scope(e, b, co->scope, 3);
    bputs(b, "        };\n");
    if (!co->result_void && shared) {
        bputs(b, "        ");
        put_typed(b, co->result, "cy_result");
        bputs(b, "; /* written when the locals are dead */\n");
    }
    bputs(b, "    };\n};\n");
}
static void collect_awaits(Node *n, Vec *out)
{
    if (!n)
        return;
    if (n->kind == N_AWAIT)
        vec_push(out, n);
    Kids k;
    node_children(n, &k);
    for (int i = 0; i < k.len; i++)
        collect_awaits(k.data[i], out);
    kids_free(&k);
}

void report_frames(FILE *f, Source *src, TokenList *tl, Vec *coros)
{
    for (int i = 0; i < coros->len; i++) {
        Coroutine *co = coros->data[i];
        if (!co->body)
            continue;
        Buf b = {0};
        L e = { .src = src, .tl = tl, .co = co };
        bprintf(&b, "coroutine %s: %d resume point%s", co->name, co->nsusp, co->nsusp == 1 ? "" : "s");
        Vec awaits = {0};
        collect_awaits(co->body, &awaits);
        /* 0: embedded, 1: from its region, 2: allocated by a constructor,
         * 3: task handles (cy_await) */
        static const char *what[] = { "; embeds ", "; takes from its region ",
                                      "; allocates ", "; awaits task handles at " };
        for (int pass = 0; pass < 4; pass++) {
            bool any = false;
            for (int k = 0; k < awaits.len; k++) {
                Node *n = awaits.data[k];
                int kind = n->embed ? 0 : n->region ? 1 : n->callee ? 2 : 3;
                if (kind != pass)
                    continue;
                if (kind == 3)
                    bprintf(&b, "%sline %d", any ? ", " : what[pass], src_line(&e, n->first));
                else
                    bprintf(&b, "%s%s (line %d%s)", any ? ", " : what[pass], n->callee->name,
                            src_line(&e, n->first),
                            kind < 2 && n->callee->runs_inline ? ", run inline" : "");
                any = true;
            }
        }
        bprintf(&b, "; the frame's size is sizeof(struct %s__frame), also %s__desc.size\n",
                co->name, co->name);
        bputs(&b, co->layout->frame);
        fprintf(f, "%s", b.buf ? b.buf : "");
        free(b.buf);
    }
}


Layout *layout_coroutine(Source *src, TokenList *tl, Coroutine *co)
{
    Layout *lay = arena_alloc(sizeof *lay);
    L e = { .src = src, .tl = tl, .co = co };
    Buf b = {0};
    /* at file scope: the hoisted local types first (hoist.c) */
    src->renames = &src->file_map;
    char *types = hoist_text(co->hoist);
    if (types)
        bputs(&b, types);
    put_frame(&e, &b);
    src->renames = NULL;
    lay->frame = btake(&b);
    return lay;
}
