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
 * reads them).  One small local, and a small result, may share the last
 * bytes of the header itself (its error word: see slot_choose).
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
    Var *slot;              /* the local in the header's error word, or NULL */
    bool result_slot;       /* the result is there too (or alone) */
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
        if (((Var *)s->vars.data[i])->in_frame && s->vars.data[i] != e->slot)
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
        if (!v->in_frame || v == e->slot)
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

/* ---- the header's error word (issue 12) ----
 *
 * The header's last member, err, means something only once the task has
 * failed (status CY_ERROR or CY_CANCELLED), and nothing of the coroutine
 * runs after it is written but its defer statements (and a cancellation's
 * or a throw's way out, which read only coroc's own members).  So one
 * small parameter or local, and the result when it fits, may share those
 * four bytes: an anonymous union of the header with a struct that skips
 * the header's other bytes.  Only a coroutine without defer statements,
 * and only a plain object of a type named by the words below, whose size
 * and alignment are at most 4 on the targets coroc knows; a type bigger
 * than that would only make the frame bigger (the member then lies past
 * the header), never wrong.  Never a local whose address is taken, that a
 * call's arguments name (the call may be a macro that takes it), that a
 * statement expression, an asm statement or a throw's message names (the
 * message is read after the error is set), nor one under a conditional
 * directive. */

static bool slot_word(const char *s, size_t n)
{
    static const char *const words[] = {
        "int", "unsigned", "signed", "short", "char", "_Bool", "float",
        "int8_t", "int16_t", "int32_t", "uint8_t", "uint16_t", "uint32_t",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && !memcmp(words[i], s, n))
            return true;
    return false;
}

/* The specifiers of a declaration, tokens [first, last]: small words only
 * (const too, which the frame member drops). */
static bool slot_spec(L *e, int first, int last)
{
    bool any = false;
    for (int i = first; i <= last; i++) {
        const Token *t = &e->tl->toks[i];
        const char *s = tok_text(e->src, t);
        size_t n = (size_t)tok_len(t);
        if (rename_at(e->src, i))
            return false; /* a local type of the same name, hoisted */
        if (n == 5 && !memcmp(s, "const", 5))
            continue;
        if (!slot_word(s, n))
            return false;
        any = true;
    }
    return any;
}

/* The result's type as written ("int", "unsigned short"). */
static bool slot_type_text(TypeText t)
{
    if (!t.pre || (t.suf && *t.suf))
        return false;
    const char *s = t.pre;
    bool any = false;
    while (*s) {
        if (*s == ' ') {
            s++;
            continue;
        }
        size_t n = strcspn(s, " ");
        if (!slot_word(s, n))
            return false;
        any = true;
        s += n;
    }
    return any;
}

static bool slot_var(L *e, Var *v)
{
    Decl *d = v->decl;
    if (!v->in_frame || v->clit || v->alias || v->is_static || !d)
        return false;
    if (d->kind != DK_PLAIN || d->first != d->name_tok || d->last != d->name_tok || d->dkids.len ||
        d->is_vla)
        return false;
    if (guard_of(e->co, v->tok))
        return false;
    if (v->is_param)
        return slot_spec(e, d->spec_first, d->spec_last);
    Node *n = v->decl_node;
    if (!n || n->spec_has_body || n->is_typedef || n->is_static || n->is_extern)
        return false;
    return slot_spec(e, n->spec_first, n->spec_last);
}

/* The locals the slot must not take: those named where it is not safe
 * (risky: under &, in a call's arguments, ...), and every variable
 * declared where it is not. */
static void slot_walk(Node *n, bool risky, Vec *bad)
{
    if (!n)
        return;
    if (risky && n->kind == N_IDENT && n->var)
        vec_push(bad, n->var);
    if (risky && (n->kind == N_DECL || n->kind == N_TRY))
        for (int i = 0; i < n->decls.len; i++)
            if (((Decl *)n->decls.data[i])->var)
                vec_push(bad, ((Decl *)n->decls.data[i])->var);
    if (n->kind == N_THROW) {
        slot_walk(n->kids.data[0], risky, bad);
        for (int i = 1; i < n->kids.len; i++)
            slot_walk(n->kids.data[i], true, bad);
        return;
    }
    if (n->kind == N_AWAIT && n->callee && n->kids.len &&
        ((Node *)n->kids.data[0])->kind == N_CALL) {
        /* the arguments of a coroutine of this file: copied into its frame */
        Node *call = n->kids.data[0];
        for (int i = 0; i < call->kids.len; i++)
            slot_walk(call->kids.data[i], risky, bad);
        return;
    }
    if (n->kind == N_CALL) {
        slot_walk(n->kids.data[0], risky, bad);
        for (int i = 1; i < n->kids.len; i++)
            slot_walk(n->kids.data[i], true, bad);
        return;
    }
    bool r = risky || n->kind == N_ADDR || n->kind == N_ASM || n->kind == N_STMTEXPR;
    Kids k;
    node_children(n, &k);
    for (int i = 0; i < k.len; i++)
        slot_walk(k.data[i], r, bad);
    kids_free(&k);
}

static bool in_vec(const Vec *v, const void *x)
{
    for (int i = 0; i < v->len; i++)
        if (v->data[i] == x)
            return true;
    return false;
}

/* The first local that may take the slot, parameters first, then the
 * body's scopes outside in. */
static Var *slot_pick(L *e, Scope *s, const Vec *bad)
{
    for (int i = 0; i < s->vars.len; i++) {
        Var *v = s->vars.data[i];
        if (slot_var(e, v) && !in_vec(bad, v) && !in_vec(bad, v->alias))
            return v;
    }
    for (int i = 0; i < s->kids.len; i++) {
        Var *v = slot_pick(e, s->kids.data[i], bad);
        if (v)
            return v;
    }
    return NULL;
}

/* Another variable's alias names v (the same local in another branch of
 * a conditional): v stays out of the slot. */
static bool slot_aliased(Scope *s, Var *v)
{
    for (int i = 0; i < s->vars.len; i++)
        if (((Var *)s->vars.data[i])->alias == v)
            return true;
    for (int i = 0; i < s->kids.len; i++)
        if (slot_aliased(s->kids.data[i], v))
            return true;
    return false;
}

static void slot_choose(L *e)
{
    Coroutine *co = e->co;
    if (co->defers.len || co->plain || !co->body)
        return;
    Vec bad = {0};
    slot_walk(co->body, false, &bad);
    e->slot = slot_pick(e, co->scope, &bad);
    if (e->slot && slot_aliased(co->scope, e->slot))
        e->slot = NULL;
    /* the result too, when it fits: it is written when the locals are
     * dead, the slot's one included, and then the frame never fails; the
     * union of the locals may only get smaller, and a parameter returned
     * as it is (return n;) then needs no copy */
    e->result_slot = !co->result_void && slot_type_text(co->result);
}

/* The members that share the header's error word, after cy_head_: a
 * union with a cy_i32, so that the members after it start past the
 * header, whatever the slot's type (a char would leave 3 bytes of err). */
static void put_slot_members(L *e, Buf *b)
{
    bputs(b, "            union {\n");
    bputs(b, "                cy_i32 cy_err_; /* the header's err */\n");
    if (e->slot)
        put_var_member(e, b, e->slot, 4);
    if (e->result_slot) {
        bputs(b, "                ");
        put_typed(b, e->co->result, "cy_result");
        bputs(b, e->slot ? "; /* written when the locals are dead */\n" : ";\n");
    }
    bputs(b, "            };\n");
}

/* The frame's members after the header, at the frame's own depth. */
static void put_members(L *e, Buf *b)
{
    Coroutine *co = e->co;
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
    if (!co->result_void && !shared && !e->result_slot) {
        bputs(b, "    ");
        put_typed(b, co->result, "cy_result");
        bputs(b, ";\n");
    }
    if (!body && (co->result_void || !shared))
        return;
    bputs(b, "    union {\n");
    bputs(b, "        struct { /* parameters and locals */\n");
    put_scope(e, b, co->scope, 3);
    bputs(b, "        };\n");
    if (!co->result_void && shared && !e->result_slot) {
        bputs(b, "        ");
        put_typed(b, co->result, "cy_result");
        bputs(b, "; /* written when the locals are dead */\n");
    }
    bputs(b, "    };\n");
}

/* The text of b's lines, each indented by depth more levels (but the
 * conditional directives, which stay at the line's start). */
static void put_indented(Buf *b, const char *text, int depth)
{
    while (text && *text) {
        size_t n = strcspn(text, "\n");
        if (n && text[0] != '#')
            indent(b, depth);
        bput(b, text, n);
        bputs(b, "\n");
        text += n + (text[n] == '\n');
    }
}

static void put_frame(L *e, Buf *b)
{
    Coroutine *co = e->co;
    bprintf(b, "/* frame of coroutine %s: what survives a suspension */\n", co->name);
    bprintf(b, "struct %s__frame {\n", co->name);
    if (!e->slot && !e->result_slot) {
        bputs(b, "    cy_task cy_task;\n");
        put_members(e, b);
        bputs(b, "};\n");
        return;
    }
    /* the whole frame in the union's struct: a member declared after the
     * union would not see the type cy_task with clang (the union's member
     * of that name hides it) */
    bputs(b, "    union {\n        cy_task cy_task;\n");
    bprintf(b, "        struct { /* %s%s%s the header's error word, read only once the task has failed */\n",
            e->slot ? e->slot->field : "the result", e->slot && e->result_slot ? " and the result" : "",
            e->slot && e->result_slot ? " share" : " shares");
    bputs(b, "            char cy_head_[CY_ERR_OFFSET_];\n");
    put_slot_members(e, b);
    Buf rest = {0};
    put_members(e, &rest);
    put_indented(b, rest.buf, 2);
    bfree(&rest);
    bputs(b, "        };\n    };\n};\n");
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
    slot_choose(&e);
    char *types = hoist_text(co->hoist);
    if (types)
        bputs(&b, types);
    put_frame(&e, &b);
    src->renames = NULL;
    lay->frame = btake(&b);
    return lay;
}
