/*
 * emit.c - writing the output C.
 *
 * Everything outside coroutines is copied byte for byte.  Each coroutine
 * definition becomes, in place:
 *
 *   struct NAME__frame { cy_task cy_task; ...what survives a suspension... };
 *   static cy_task *NAME__resume(cy_task *cy_t);
 *   static const cy_desc NAME__desc = { ... };
 *   cy_task *NAME(PARAMS) { allocate the frame, store the parameters }
 *   static cy_task *NAME__resume(cy_task *cy_t) { dispatch; the body }
 *
 * The body is the user's text with these rewrites:
 *   - a frame local x is written cy_f->x (renamed x_2 ... when names clash);
 *   - its declaration becomes an assignment of its initialiser;
 *   - yield v;       cy_f->cy_yield = (v); cy_f->cy_task.state = N;
 *                    return NULL; cy_resume_N:;
 *   - await f(a)     the child task is created, returned to the driver,
 *                    and its result copied once it is done;
 *   - return v;      the result is stored, the frame returned;
 *   - an expression holding yield or await is split into statements: the
 *     suspensions run first, left to right, their values kept in frame
 *     temporaries (cy_tN), then the rest of the expression.  &&, || and ?:
 *     become if statements so that short-circuit order is kept; a loop whose
 *     condition suspends becomes for (;;) with the condition inside.
 * The dispatch is a switch of gotos at the top of the resume function: the
 * user's own switch statements, loops and labels are left as they are.
 *
 * Generated text stays on the line of the statement it replaces, and
 * #line directives map every statement to its line in the .cy file.
 */
#include "cc.h"
#include "parser.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- output buffers ---- */

typedef struct {
    char *buf;
    size_t len, cap;
    int line;  /* the .cy line the current output line stands for */
    int phys;  /* newlines written: the output's own line is phys + 1 */
} Buf;

static void bput(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *nb = realloc(b->buf, cap);
        if (!nb)
            fatal("out of memory");
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') {
            b->line++;
            b->phys++;
        }
}

static void bputs(Buf *b, const char *s) { bput(b, s, strlen(s)); }

static void bprintf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(Buf *b, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < (int)sizeof small) {
        bput(b, small, (size_t)n);
    } else {
        char *s = malloc((size_t)n + 1);
        if (!s)
            fatal("out of memory");
        vsnprintf(s, (size_t)n + 1, fmt, aq);
        bput(b, s, (size_t)n);
        free(s);
    }
    va_end(aq);
}

/* move a buffer's text into the arena */
static char *btake(Buf *b)
{
    char *s = arena_strndup(b->buf ? b->buf : "", b->len);
    free(b->buf);
    memset(b, 0, sizeof *b);
    return s;
}

/* ---- the emitter's state ---- */

typedef struct LoopCtx {
    bool is_switch;
    const char *cont;  /* label continue must jump to, NULL for native */
    bool cont_used;
} LoopCtx;

typedef struct {
    const Options *opt;
    Source *src;
    TokenList *tl;
    Coroutine *co;
    Buf *out;
    bool main_buf;     /* out is mapped to source lines */
    Scope *scope;
    TempGroup *group;  /* temporaries of the statement being lowered */
    Vec loops;         /* LoopCtx * */
    Vec handlers;      /* TryCtx *: the try statements around */
    int labels;
} E;

typedef struct TryCtx {
    const char *label; /* cy_catch_N */
    bool used;
} TryCtx;

/* how the coroutine ends once its result or error is set */
static bool has_cleanup(Coroutine *co) { return co->defers.len || co->has_region; }

static const char *exit_text(E *e)
{
    return has_cleanup(e->co) ? "goto cy_cleanup;" : "return cy_t;";
}

/* Fail with an error code (text of an int32_t), a status and a message:
 * caught by the innermost try, else the coroutine ends. */
static void emit_fail(E *e, const char *code, const char *status, const char *msg)
{
    if (e->handlers.len) {
        TryCtx *h = e->handlers.data[e->handlers.len - 1];
        h->used = true;
        bprintf(e->out, "{ cy_f->cy_caught = %s; goto %s; } ", code, h->label);
        return;
    }
    bprintf(e->out, "{ cy_t->err = %s; ", code);
    if (e->co->has_errmsg)
        bprintf(e->out, "cy_f->cy_errmsg = %s; ", msg ? msg : "NULL");
    bprintf(e->out, "cy_t->status = %s; %s } ", status, exit_text(e));
}

static const Token *T(E *e, int i) { return &e->tl->toks[i]; }

static void copy_src(E *e, int from, int to)
{
    if (to > from)
        bput(e->out, e->src->text + from, (size_t)(to - from));
}

static int src_line(E *e, int offset)
{
    int line, col;
    source_pos(e->src, offset, &line, &col);
    return line;
}

static void line_directive(E *e, Buf *b, int line)
{
    if (!e->opt->line_directives)
        return;
    if (b->len && b->buf[b->len - 1] != '\n')
        bputs(b, "\n");
    bputs(b, "#line ");
    bprintf(b, "%d \"", line);
    for (const char *p = e->src->name; *p; p++) {
        if (*p == '"' || *p == '\\')
            bputs(b, "\\");
        bput(b, p, 1);
    }
    bputs(b, "\"\n");
    b->line = line;
}

/* From here on, output lines stand for themselves in the output file. */
static void generated_lines(E *e, Buf *b)
{
    if (!e->opt->line_directives)
        return;
    if (b->len && b->buf[b->len - 1] != '\n')
        bputs(b, "\n");
    const char *name = e->opt->output && strcmp(e->opt->output, "-") ? e->opt->output : "<stdout>";
    bprintf(b, "#line %d \"", b->phys + 2);
    for (const char *p = name; *p; p++) {
        if (*p == '"' || *p == '\\')
            bputs(b, "\\");
        bput(b, p, 1);
    }
    bputs(b, "\"\n");
}

/* Before a statement: make the output line stand for its source line. */
static void sync_line(E *e, int tok)
{
    if (!e->main_buf || !e->opt->line_directives)
        return;
    int offset = T(e, tok)->start;
    int line, col;
    source_pos(e->src, offset, &line, &col);
    if (e->out->line == line)
        return;
    line_directive(e, e->out, line);
    for (int i = 1; i < col; i++)
        bputs(e->out, " ");
}

/* ---- temporaries ---- */

static const char *new_field(E *e, const char *base)
{
    for (int k = ++e->co->ntemps;; k = ++e->co->ntemps) {
        char *f = arena_printf("%s%d", base, k);
        if (!nameset_has(e->co->fields, f, strlen(f))) {
            nameset_add(e->co->fields, f, strlen(f));
            return f;
        }
    }
}

static const char *new_temp(E *e, const char *base, TypeText type)
{
    if (!e->group) {
        e->group = arena_alloc(sizeof *e->group);
        vec_push(&e->scope->temp_groups, e->group);
        for (Scope *s = e->scope; s; s = s->parent)
            s->has_frame = true;
    }
    Temp *t = arena_alloc(sizeof *t);
    t->field = new_field(e, base);
    t->type = type;
    vec_push(&e->group->temps, t);
    return t->field;
}

/* ---- children of a node, in source order ---- */

/* A short-lived list: on the stack when small, malloc'ed past that, so
 * that emitting a large file does not fill the arena with dead lists. */
typedef struct {
    Node **data;
    int len, cap;
    Node *local[16];
} Kids;

static void kids_push(Kids *v, Node *n)
{
    if (!n)
        return;
    if (v->len == v->cap) {
        int ncap = v->cap * 2;
        Node **d = malloc(sizeof(Node *) * (size_t)ncap);
        if (!d)
            fatal("out of memory");
        memcpy(d, v->data, sizeof(Node *) * (size_t)v->len);
        if (v->data != v->local)
            free(v->data);
        v->data = d;
        v->cap = ncap;
    }
    v->data[v->len++] = n;
}

static void kids_free(Kids *v)
{
    if (v->data != v->local)
        free(v->data);
}

static void children(Node *n, Kids *v)
{
    v->data = v->local;
    v->len = 0;
    v->cap = 16;
    switch (n->kind) {
    case N_DECL:
        for (int i = 0; i < n->decls.len; i++) {
            Decl *d = n->decls.data[i];
            for (int k = 0; k < d->dkids.len; k++)
                kids_push(v, d->dkids.data[k]);
            kids_push(v, d->init);
        }
        break;
    case N_FOR:
        kids_push(v, n->init);
        kids_push(v, n->cond);
        kids_push(v, n->step);
        kids_push(v, n->body);
        break;
    case N_DO:
        kids_push(v, n->body);
        for (int i = 0; i < n->kids.len; i++)
            kids_push(v, n->kids.data[i]);
        break;
    case N_STMTEXPR:
        kids_push(v, n->body);
        break;
    default:
        for (int i = 0; i < n->kids.len; i++)
            kids_push(v, n->kids.data[i]);
        kids_push(v, n->body);
        kids_push(v, n->els);
        break;
    }
    /* insertion sort by position */
    for (int i = 1; i < v->len; i++) {
        Node *x = v->data[i];
        int j = i - 1;
        while (j >= 0 && v->data[j]->first > x->first) {
            v->data[j + 1] = v->data[j];
            j--;
        }
        v->data[j + 1] = x;
    }
}

static bool is_stmt(Node *n) { return n->kind >= N_BLOCK; }

static void emit_node(E *e, Node *n);

/* The text of tokens [first, last] with each child replaced by its
 * emission. */
static void emit_range(E *e, int first, int last, Kids *kids)
{
    int pos = T(e, first)->start;
    for (int i = 0; i < kids->len; i++) {
        Node *k = kids->data[i];
        if (k->first > last || k->last < first || k->first > k->last)
            continue;
        copy_src(e, pos, T(e, k->first)->start);
        if (is_stmt(k))
            sync_line(e, k->first);
        emit_node(e, k);
        pos = T(e, k->last)->end;
    }
    copy_src(e, pos, T(e, last)->end);
}

static void emit_generic(E *e, Node *n)
{
    if (n->first > n->last)
        return;
    Kids kids;
    children(n, &kids);
    emit_range(e, n->first, n->last, &kids);
    kids_free(&kids);
}

/* Emit into a string instead of the output. */
static char *capture(E *e, Node *n)
{
    Buf b = {0}, *saved = e->out;
    bool m = e->main_buf;
    e->out = &b;
    e->main_buf = false;
    emit_node(e, n);
    e->out = saved;
    e->main_buf = m;
    return btake(&b);
}

/* ---- types as text ---- */

/* a space between two tokens of a type, as a person would write it */
static bool space_between(int prev, int next)
{
    if (prev == '(' || prev == '[' || prev == '*')
        return false;
    if (next == ')' || next == '[' || next == ']' || next == ',' || next == '(')
        return false;
    return true;
}

static void put_tok(E *e, Buf *b, int i)
{
    bput(b, tok_text(e->src, T(e, i)), (size_t)tok_len(T(e, i)));
}

/* declarator tokens [first, last] joined by spaces, the name replaced */
static void put_declarator(E *e, Buf *b, Decl *d, const char *name, bool param)
{
    int prev = -1;
    bool adjusted = false;
    for (int i = d->first; i <= d->last; i++) {
        int k = T(e, i)->kind;
        if (k == PP_LINE || i == d->top_const_tok)
            continue;
        if (prev >= 0 && space_between(prev, k == IDENTIFIER && i == d->name_tok && param &&
                                                   (d->kind == DK_ARRAY || d->kind == DK_FUNC) ? '(' : k))
            bputs(b, " ");
        prev = k;
        if (i == d->name_tok) {
            if (param && (d->kind == DK_ARRAY || d->kind == DK_FUNC)) {
                /* a parameter of array or function type is a pointer */
                bprintf(b, "(*%s)", name);
                if (d->kind == DK_ARRAY && i + 1 <= d->last && T(e, i + 1)->kind == '[') {
                    int depth = 0;
                    for (i = i + 1; i <= d->last; i++) {
                        if (T(e, i)->kind == '[')
                            depth++;
                        else if (T(e, i)->kind == ']' && --depth == 0)
                            break;
                    }
                }
                adjusted = true;
            } else {
                bputs(b, name);
            }
            continue;
        }
        put_tok(e, b, i);
        /* a[] living in the frame gets its size from the initialiser */
        if (!param && !adjusted && k == '[' && d->incomplete_array && i + 1 <= d->last &&
            T(e, i + 1)->kind == ']' && i > d->name_tok && d->init) {
            Node *init = d->init;
            if (init->kind == N_INITLIST) {
                bprintf(b, "%d", init->kids.len);
            } else {
                char *lit = arena_strndup(e->src->text + T(e, init->first)->start,
                                          (size_t)(T(e, init->last)->end - T(e, init->first)->start));
                bprintf(b, "sizeof %s / sizeof %s[0]", lit, lit);
            }
            adjusted = true;
        }
    }
}

static void put_buf(void *ctx, const char *s, size_t n) { bput(ctx, s, n); }

/* specifiers written as a member's type (see write_spec) */
static void put_spec(E *e, Buf *b, int first, int last, bool drop_const)
{
    write_spec(e->src, e->tl, first, last, drop_const, put_buf, b);
}

static bool drops_const(Decl *d) { return d->kind == DK_PLAIN; }

/* "T name" for a TypeText */
static void put_typed(Buf *b, TypeText t, const char *name)
{
    size_t n = strlen(t.pre);
    bprintf(b, "%s%s%s%s", t.pre, name[0] && n && t.pre[n - 1] != '*' ? " " : "", name, t.suf);
}

/* ---- lowering expressions ---- */

static char *lin(E *e, Node *n);

static const char *frame_ref(const char *field) { return arena_printf("cy_f->%s", field); }

static void emit_suspend(E *e, int id, const char *ret)
{
    bprintf(e->out, "cy_f->cy_task.state = %d; return %s; cy_resume_%d:; ", id, ret, id);
}

static char *lin_yield(E *e, Node *n)
{
    if (n->kids.len) {
        char *v = lin(e, n->kids.data[0]);
        bprintf(e->out, "cy_f->cy_yield = (%s); ", v);
        if (e->co->has_bare_yield)
            bputs(e->out, "cy_f->cy_none = 0; ");
    } else if (e->co->has_bare_yield) {
        bputs(e->out, "cy_f->cy_none = 1; "); /* no value: Python's None */
    }
    emit_suspend(e, n->id, "NULL");
    if (n->value_used && e->co->has_recv) {
        const char *t = new_temp(e, "cy_t", e->co->recv);
        bprintf(e->out, "cy_f->%s = cy_f->cy_recv; ", t);
        return (char *)frame_ref(t);
    }
    return "((void)0)";
}

/* Resume point n->id for a child frame whose resume function is known:
 * run it inline when it may (a direct call; the driver is told only if it
 * does not finish at once), else hand it to the driver. */
static void emit_await_child(E *e, Node *n, const char *child, bool region)
{
    Coroutine *callee = n->callee;
    if (!callee->runs_inline) {
        emit_suspend(e, n->id, child);
        return;
    }
    if (region)
        bputs(e->out, "if (cy_f->cy_reg->depth < CY_INLINE_DEPTH) { cy_f->cy_reg->depth++; ");
    else
        bputs(e->out, "{ ");
    bprintf(e->out, "cy_task *cy_c = %s; cy_c->link = cy_t; cy_c->status = CY_RUNNING; "
                    "cy_task *cy_r = %s__resume(cy_c); ", child, callee->name);
    if (region)
        bputs(e->out, "cy_f->cy_reg->depth--; ");
    bprintf(e->out, "if (cy_r != cy_c) { cy_f->cy_task.state = %d; return cy_r == NULL ? cy_inline_suspended(cy_c) "
                    ": cy_r == CY_PARKED || cy_r == CY_RESUME_TOP ? cy_r : cy_inline_awaits(cy_c, cy_r); } "
                    "if (cy_c->status == CY_RUNNING) cy_c->status = CY_FINISHED; cy_c->link = cy_c; } ",
            n->id);
    if (region)
        bprintf(e->out, "else { cy_f->cy_task.state = %d; return %s; } ", n->id, child);
    bprintf(e->out, "cy_resume_%d:; ", n->id);
}

/* NAME__init(frame, arguments): the arguments' suspensions first, left to
 * right */
static void emit_child_init(E *e, Node *call, Coroutine *callee, const char *frame)
{
    Vec args = {0};
    for (int i = 1; i < call->kids.len; i++)
        vec_push(&args, lin(e, call->kids.data[i]));
    bprintf(e->out, "%s__init(%s", callee->name, frame);
    for (int i = 0; i < args.len; i++)
        bprintf(e->out, ", %s", (char *)args.data[i]);
    bputs(e->out, "); ");
}

/* After an awaited child ends: if it failed or was cancelled, give it back
 * (release, a statement or "") and fail in turn with its error. */
static void emit_child_failure(E *e, const char *task, const char *release)
{
    bprintf(e->out, "if ((%s)->status >= CY_ERROR) { int32_t cy_e = (%s)->err; "
                    "int cy_s = (%s)->status; const char *cy_m = cy_task_message(%s); "
                    "(void)cy_m; (void)cy_s; %s",
            task, task, task, task, release);
    emit_fail(e, "cy_e", "cy_s", "cy_m");
    bputs(e->out, "} ");
}

/* await of a coroutine defined earlier in the file: its frame is a member
 * of this one, initialised in place; no allocation */
static char *lin_await_embedded(E *e, Node *n)
{
    Coroutine *callee = n->callee;
    TypeText t = { arena_printf("struct %s__frame", callee->name), "" };
    const char *emb = new_temp(e, "cy_emb", t);
    const char *child = arena_printf("&cy_f->%s.cy_task", emb);
    emit_child_init(e, n->kids.data[0], callee, arena_printf("&cy_f->%s", emb));
    emit_await_child(e, n, child, false);
    emit_child_failure(e, child, "");
    if (n->value_used && !callee->result_void)
        return arena_printf("cy_f->%s.cy_result", emb);
    return "((void)0)";
}

/* f(args): the callee is the first child and an argument list follows */
static bool is_call_node(E *e, Node *n)
{
    if (n->kind != N_EXPR || !n->kids.len || !n->kids.data[0])
        return false;
    Node *f = n->kids.data[0];
    return f->first == n->first && f->last + 1 <= n->last &&
           T(e, f->last + 1)->kind == '(' && T(e, n->last)->kind == ')';
}

static char *lin_await(E *e, Node *n)
{
    Node *op = n->kids.data[0];
    Coroutine *callee = n->callee;
    if (n->embed)
        return lin_await_embedded(e, n);
    TypeText task = { "cy_task *", "" };
    const char *aw;
    if (n->region) {
        /* the frame of a recursive call, from the region of the outermost */
        aw = new_temp(e, "cy_aw", task);
        bputs(e->out, "if (!cy_f->cy_reg && !(cy_f->cy_reg = cy_region_new(cy_t))) ");
        emit_fail(e, "-ENOMEM", "CY_ERROR", NULL);
        bprintf(e->out, "cy_f->%s = cy_region_alloc(cy_f->cy_reg, sizeof(struct %s__frame)); if (!cy_f->%s) ",
                aw, callee->name, aw);
        emit_fail(e, "-ENOMEM", "CY_ERROR", NULL);
        const char *frame = arena_printf("((struct %s__frame *)(void *)cy_f->%s)", callee->name, aw);
        emit_child_init(e, op, callee, frame);
        bprintf(e->out, "%s->cy_reg = cy_f->cy_reg; ", frame);
    } else {
        char *text = lin(e, op);
        aw = new_temp(e, "cy_aw", task);
        bprintf(e->out, "cy_f->%s = %s; ", aw, text);
        bprintf(e->out, "if (!cy_f->%s) ", aw);
        emit_fail(e, "-ENOMEM", "CY_ERROR", NULL);
    }
    /* a coroutine of this file is run as a child directly; a task handle
     * goes through cy_await, which adopts it, waits for it, or sees it
     * done */
    char *ret = callee ? arena_printf("cy_f->%s", aw)
                       : arena_printf("cy_await(cy_t, cy_f->%s)", aw);
    if (n->region)
        emit_await_child(e, n, ret, true);
    else
        emit_suspend(e, n->id, ret);
    /* how the child is given back once its result or error is read: a
     * handle the program holds (await h) stays the program's, to read its
     * result and free it; one made by the await's own call is released */
    bool held = !callee && !n->region && !is_call_node(e, op);
    const char *release_fmt = n->region ? "cy_region_pop(cy_f->cy_reg, cy_f->%s); "
                              : callee ? "cy_task_free(cy_f->%s); "
                              : held ? "cy_f->%s->flags &= (uint8_t)~CY_F_ADOPTED; "
                                     : "cy_await_release(cy_f->%s); ";
    emit_child_failure(e, arena_printf("cy_f->%s", aw), arena_printf(release_fmt, aw));
    char *result = "((void)0)";
    if (n->value_used && callee && !callee->result_void) {
        const char *t = new_temp(e, "cy_t", callee->result);
        if (n->region) /* its frame type is this one's */
            bprintf(e->out, "memcpy(&cy_f->%s, &((struct %s__frame *)(void *)cy_f->%s)->cy_result, sizeof cy_f->%s); ",
                    t, callee->name, aw, t);
        else
            bprintf(e->out, "memcpy(&cy_f->%s, (const char *)cy_f->%s + cy_f->%s->desc->result_offset, sizeof cy_f->%s); ",
                    t, aw, aw, t);
        result = (char *)frame_ref(t);
    }
    bprintf(e->out, release_fmt, aw);
    return result;
}

static void lin_discard(E *e, Node *n);

/* Run the suspensions of n, left to right, writing the statements they
 * need; return the text of what remains to compute. */
static char *lin(E *e, Node *n)
{
    if (!n)
        return "";
    if (!n->suspends)
        return capture(e, n);
    TypeText int_t = { "int", "" };
    switch (n->kind) {
    case N_YIELD:
        return lin_yield(e, n);
    case N_AWAIT:
        return lin_await(e, n);
    case N_COMMA:
        lin_discard(e, n->kids.data[0]);
        return lin(e, n->kids.data[1]);
    case N_LOGAND:
    case N_LOGOR: {
        Node *l = n->kids.data[0], *r = n->kids.data[1];
        if (!r->suspends)
            break;
        char *lt = lin(e, l);
        const char *t = new_temp(e, "cy_t", int_t);
        bprintf(e->out, "cy_f->%s = !!(%s); if (%scy_f->%s) { ", t, lt,
                n->kind == N_LOGOR ? "!" : "", t);
        char *rt = lin(e, r);
        bprintf(e->out, "cy_f->%s = !!(%s); } ", t, rt);
        return (char *)frame_ref(t);
    }
    case N_COND: {
        Node *c = n->kids.data[0], *x = n->kids.data[1], *y = n->kids.data[2];
        if ((!x || !x->suspends) && !y->suspends)
            break;
        if (!x) {
            error_at(e->src, T(e, n->first)->start,
                     "'a ?: b' with a suspension in 'b' is not supported; write 'a ? a : b'");
            return "0";
        }
        char *ct = lin(e, c);
        const char *t = new_temp(e, "cy_t", int_t);
        bprintf(e->out, "cy_f->%s = !!(%s); if (cy_f->%s) { ", t, ct, t);
        char *xt = lin(e, x);
        bputs(e->out, "} else { ");
        char *yt = lin(e, y);
        bputs(e->out, "} ");
        return arena_printf("(cy_f->%s ? (%s) : (%s))", t, xt, yt);
    }
    default:
        break;
    }
    /* any other operator: C leaves the order of its operands unspecified,
     * so the suspending ones run first, in source order */
    Kids kids;
    children(n, &kids);
    for (int i = 0; i < kids.len; i++) {
        Node *k = kids.data[i];
        if (k->suspends)
            k->lowered = lin(e, k);
    }
    kids_free(&kids);
    return capture(e, n);
}

/* Like lin, for an expression whose value is not used. */
static void lin_discard(E *e, Node *n)
{
    if (!n->suspends) {
        bprintf(e->out, "%s; ", capture(e, n));
        return;
    }
    switch (n->kind) {
    case N_YIELD:
    case N_AWAIT:
        lin(e, n);
        return;
    case N_COMMA:
        lin_discard(e, n->kids.data[0]);
        lin_discard(e, n->kids.data[1]);
        return;
    case N_LOGAND:
    case N_LOGOR:
        if (((Node *)n->kids.data[1])->suspends) {
            char *lt = lin(e, n->kids.data[0]);
            bprintf(e->out, "if (%s(%s)) { ", n->kind == N_LOGOR ? "!" : "", lt);
            lin_discard(e, n->kids.data[1]);
            bputs(e->out, "} ");
            return;
        }
        break;
    case N_COND:
        if (n->kids.data[1] && (((Node *)n->kids.data[1])->suspends ||
                                ((Node *)n->kids.data[2])->suspends)) {
            char *ct = lin(e, n->kids.data[0]);
            bprintf(e->out, "if (%s) { ", ct);
            lin_discard(e, n->kids.data[1]);
            bputs(e->out, "} else { ");
            lin_discard(e, n->kids.data[2]);
            bputs(e->out, "} ");
            return;
        }
        break;
    default:
        break;
    }
    bprintf(e->out, "%s; ", lin(e, n));
}

/* ---- statements ---- */

static TempGroup *begin_stmt(E *e)
{
    TempGroup *g = e->group;
    e->group = NULL;
    return g;
}

static void end_stmt(E *e, TempGroup *g) { e->group = g; }

/* An initialiser that starts with an upper-case macro name, such as
 * PTHREAD_MUTEX_INITIALIZER: it may expand to a brace list, which only a
 * declaration accepts, so it goes through a local copy. */
static bool macro_initialiser(E *e, Node *init)
{
    if (init->kind == N_INITLIST)
        return false;
    const Token *t = T(e, init->first);
    if (t->kind != IDENTIFIER)
        return false;
    Node *id = init->kind == N_IDENT ? init : NULL;
    if (init->kind == N_EXPR && init->kids.len && ((Node *)init->kids.data[0])->kind == N_IDENT &&
        ((Node *)init->kids.data[0])->first == init->first)
        id = init->kids.data[0];
    if (!id || id->var)
        return false;
    const char *s = tok_text(e->src, t);
    bool upper = false;
    for (int i = 0; i < tok_len(t); i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return false;
        if (s[i] >= 'A' && s[i] <= 'Z')
            upper = true;
    }
    return upper;
}

static bool spec_has_aggregate(E *e, Node *n)
{
    for (int i = n->spec_first; i <= n->spec_last; i++)
        if (T(e, i)->kind == STRUCT || T(e, i)->kind == UNION)
            return true;
    return false;
}

/* A declaration whose objects live in the frame: each initialiser
 * becomes an assignment. */
static void emit_frame_decl(E *e, Node *n)
{
    for (int i = 0; i < n->decls.len; i++) {
        Decl *d = n->decls.data[i];
        Var *v = d->var;
        if (!v || !v->in_frame || !d->init)
            continue;
        /* through a local copy: arrays, brace lists of a struct or union
         * (which may have const members, so no assignment), initialisers
         * that may be brace-list macros */
        bool aggregate = d->kind == DK_ARRAY || macro_initialiser(e, d->init) ||
                         (d->init->kind == N_INITLIST && d->kind == DK_PLAIN &&
                          (n->spec_has_body || spec_has_aggregate(e, n)));
        char *init = lin(e, d->init);
        if (!aggregate && d->init->kind != N_INITLIST) {
            bprintf(e->out, "cy_f->%s = %s; ", v->field, init);
        } else if (!aggregate) {
            /* a compound literal of the member's type */
            bputs(e->out, "cy_f->");
            bputs(e->out, v->field);
            bputs(e->out, " = (");
            put_spec(e, e->out, n->spec_first, n->spec_last, drops_const(d));
            bputs(e->out, " ");
            put_declarator(e, e->out, d, "", false);
            bprintf(e->out, ")%s; ", init);
        } else {
            /* arrays: initialise a local copy, then move it in */
            bputs(e->out, "{ ");
            put_spec(e, e->out, n->spec_first, n->spec_last, false);
            bputs(e->out, " ");
            Decl copy = *d;
            copy.incomplete_array = false;
            put_declarator(e, e->out, &copy, "cy_init", false);
            bprintf(e->out, " = %s; memcpy((void *)&cy_f->%s, &cy_init, sizeof cy_f->%s); } ",
                    init, v->field, v->field);
        }
    }
}

static bool decl_in_frame(Node *n)
{
    for (int i = 0; i < n->decls.len; i++) {
        Decl *d = n->decls.data[i];
        if (d->var && d->var->in_frame)
            return true;
    }
    return false;
}

static LoopCtx *push_loop(E *e, bool is_switch, const char *cont)
{
    LoopCtx *l = arena_alloc(sizeof *l);
    l->is_switch = is_switch;
    l->cont = cont;
    vec_push(&e->loops, l);
    return l;
}

static void pop_loop(E *e) { e->loops.len--; }

static void emit_return(E *e, Node *n)
{
    TempGroup *g = begin_stmt(e);
    bputs(e->out, "{ ");
    if (n->kids.len) {
        char *v = lin(e, n->kids.data[0]);
        put_typed(e->out, e->co->result, "cy_r");
        bprintf(e->out, " = (%s); cy_f->cy_result = cy_r; ", v);
    }
    bprintf(e->out, "%s }", exit_text(e));
    end_stmt(e, g);
}

static void emit_for(E *e, Node *n)
{
    bool init_frame = n->init && n->init->kind == N_DECL && decl_in_frame(n->init);
    bool susp_cs = (n->cond && n->cond->suspends) || (n->step && n->step->suspends);
    bool susp_init = n->init && n->init->suspends;
    if (!init_frame && !susp_cs && !susp_init) {
        push_loop(e, false, NULL);
        emit_generic(e, n);
        pop_loop(e);
        return;
    }
    TempGroup *g = begin_stmt(e);
    bputs(e->out, "{ ");
    if (n->init) {
        if (n->init->kind == N_DECL && decl_in_frame(n->init))
            emit_frame_decl(e, n->init);
        else if (n->init->kind == N_DECL)
            emit_node(e, n->init);
        else
            lin_discard(e, n->init->kids.data[0]);
    }
    if (!susp_cs) {
        bprintf(e->out, "for (; %s; %s) ", n->cond ? capture(e, n->cond) : "",
                n->step ? capture(e, n->step) : "");
        end_stmt(e, g);
        push_loop(e, false, NULL);
        emit_node(e, n->body);
        pop_loop(e);
        bputs(e->out, " }");
        return;
    }
    bputs(e->out, "for (;;) { ");
    if (n->cond) {
        char *c = lin(e, n->cond);
        bprintf(e->out, "if (!(%s)) break; ", c);
    }
    end_stmt(e, g);
    const char *cont = arena_printf("cy_cont_%d", ++e->labels);
    LoopCtx *l = push_loop(e, false, cont);
    emit_node(e, n->body);
    pop_loop(e);
    bputs(e->out, " ");
    if (l->cont_used)
        bprintf(e->out, "%s:; ", cont);
    if (n->step) {
        TempGroup *g2 = begin_stmt(e);
        lin_discard(e, n->step);
        end_stmt(e, g2);
    }
    bputs(e->out, "} }");
}

static bool is_func_name(E *e, int tok)
{
    const Token *t = T(e, tok);
    const char *s = tok_text(e->src, t);
    int n = tok_len(t);
    return (n == 8 && !memcmp(s, "__func__", 8)) || (n == 12 && !memcmp(s, "__FUNCTION__", 12));
}

/* A statement whose controlling expression suspends: the text before it,
 * the suspensions, then the statement's head on what remains (fmt has one
 * %s), the temporaries counted as this statement's. */
static void lower_condition(E *e, Node *cond, const char *before, const char *fmt)
{
    TempGroup *g = begin_stmt(e);
    bputs(e->out, before);
    char *c = lin(e, cond);
    bprintf(e->out, fmt, c);
    end_stmt(e, g);
}

static void emit_node(E *e, Node *n)
{
    if (n->lowered) {
        bputs(e->out, n->lowered);
        return;
    }
    switch (n->kind) {
    case N_IDENT:
        if (n->var && n->var->in_frame) {
            bputs(e->out, "cy_f->");
            bputs(e->out, n->var->field);
        } else if (!n->var && e->co && is_func_name(e, n->tok)) {
            /* the body now runs in NAME__resume: __func__ names the
             * coroutine (macros such as assert still see the C function) */
            bprintf(e->out, "\"%s\"", e->co->name);
        } else {
            put_tok(e, e->out, n->tok);
        }
        return;
    case N_YIELD:
    case N_AWAIT:
        /* every statement that can hold one lowers it first */
        error_at(e->src, T(e, n->first)->start, "internal error: a suspension point was not lowered");
        return;
    case N_RETURN:
        emit_return(e, n);
        return;
    case N_BLOCK: {
        Scope *s = e->scope;
        e->scope = n->scope;
        emit_generic(e, n);
        e->scope = s;
        return;
    }
    case N_DECL:
        if (decl_in_frame(n)) {
            TempGroup *g = begin_stmt(e);
            emit_frame_decl(e, n);
            end_stmt(e, g);
            return;
        }
        if (n->suspends) {
            /* an object that does not outlive the next suspension, with a
             * suspending initialiser: suspensions first, then the
             * declaration as written */
            TempGroup *g = begin_stmt(e);
            for (int i = 0; i < n->decls.len; i++) {
                Decl *d = n->decls.data[i];
                if (d->init && d->init->suspends)
                    d->init->lowered = lin(e, d->init);
            }
            end_stmt(e, g);
        }
        emit_generic(e, n);
        return;
    case N_EXPRSTMT:
        if (n->suspends) {
            TempGroup *g = begin_stmt(e);
            bputs(e->out, "{ ");
            lin_discard(e, n->kids.data[0]);
            bputs(e->out, "}");
            end_stmt(e, g);
            return;
        }
        break;
    case N_IF:
        if (((Node *)n->kids.data[0])->suspends) {
            lower_condition(e, n->kids.data[0], "{ ", "if (%s) ");
            emit_node(e, n->body);
            if (n->els) {
                bputs(e->out, " else ");
                emit_node(e, n->els);
            }
            bputs(e->out, " }");
            return;
        }
        break;
    case N_SWITCH:
        push_loop(e, true, NULL);
        if (((Node *)n->kids.data[0])->suspends) {
            lower_condition(e, n->kids.data[0], "{ ", "switch (%s) ");
            emit_node(e, n->body);
            bputs(e->out, " }");
        } else {
            emit_generic(e, n);
        }
        pop_loop(e);
        return;
    case N_WHILE:
        if (((Node *)n->kids.data[0])->suspends) {
            lower_condition(e, n->kids.data[0], "for (;;) { ", "if (!(%s)) break; ");
            push_loop(e, false, NULL);
            emit_node(e, n->body);
            pop_loop(e);
            bputs(e->out, " }");
            return;
        }
        push_loop(e, false, NULL);
        emit_generic(e, n);
        pop_loop(e);
        return;
    case N_DO:
        if (((Node *)n->kids.data[0])->suspends) {
            const char *cont = arena_printf("cy_cont_%d", ++e->labels);
            bputs(e->out, "for (;;) { ");
            LoopCtx *l = push_loop(e, false, cont);
            emit_node(e, n->body);
            pop_loop(e);
            bputs(e->out, " ");
            if (l->cont_used)
                bprintf(e->out, "%s:; ", cont);
            TempGroup *g = begin_stmt(e);
            char *c = lin(e, n->kids.data[0]);
            bprintf(e->out, "if (!(%s)) break; }", c);
            end_stmt(e, g);
            return;
        }
        push_loop(e, false, NULL);
        emit_generic(e, n);
        pop_loop(e);
        return;
    case N_FOR: {
        Scope *s = e->scope;
        e->scope = n->scope;
        emit_for(e, n);
        e->scope = s;
        return;
    }
    case N_THROW: {
        TempGroup *g = begin_stmt(e);
        bputs(e->out, "{ ");
        char *code = lin(e, n->kids.data[0]);
        char *msg = n->kids.len > 1 ? lin(e, n->kids.data[1]) : NULL;
        emit_fail(e, arena_printf("cy_errcode(%s)", code), "CY_ERROR", msg);
        bputs(e->out, "}");
        end_stmt(e, g);
        return;
    }
    case N_TRY: {
        TryCtx *h = arena_alloc(sizeof *h);
        h->label = arena_printf("cy_catch_%d", ++e->labels);
        vec_push(&e->handlers, h);
        bputs(e->out, "{ ");
        emit_node(e, n->body);
        e->handlers.len--;
        bputs(e->out, " } if (0) { ");
        if (h->used)
            bprintf(e->out, "%s:; ", h->label);
        Scope *sc = e->scope;
        e->scope = n->scope;
        Decl *d = n->decls.data[0];
        if (d->var && d->var->in_frame) {
            bprintf(e->out, "cy_f->%s = cy_f->cy_caught; ", d->var->field);
        } else if (d->var) {
            put_spec(e, e->out, n->spec_first, n->spec_last, false);
            bputs(e->out, " ");
            put_declarator(e, e->out, d, d->var->name, false);
            bprintf(e->out, " = cy_f->cy_caught; (void)%s; ", d->var->name);
        }
        emit_node(e, n->els);
        e->scope = sc;
        bputs(e->out, " }");
        return;
    }
    case N_DEFER:
        /* registered here, run at the end (see emit_definition) */
        bprintf(e->out, "cy_f->cy_defer |= UINT32_C(1) << %d;", n->id - 1);
        return;
    case N_CONTINUE:
        for (int i = e->loops.len - 1; i >= 0; i--) {
            LoopCtx *l = e->loops.data[i];
            if (l->is_switch)
                continue;
            if (l->cont) {
                l->cont_used = true;
                bprintf(e->out, "goto %s;", l->cont);
                return;
            }
            break;
        }
        break;
    default:
        break;
    }
    emit_generic(e, n);
}

/* ---- the frame struct ---- */

static void indent(Buf *b, int depth)
{
    for (int i = 0; i < depth; i++)
        bputs(b, "    ");
}

static void put_var_member(E *e, Buf *b, Var *v, int depth)
{
    Decl *d = v->decl;
    indent(b, depth);
    if (v->is_param) {
        put_spec(e, b, d->spec_first, d->spec_last, drops_const(d));
        bputs(b, " ");
        put_declarator(e, b, d, v->field, true);
    } else {
        put_spec(e, b, v->decl_node->spec_first, v->decl_node->spec_last,
                 drops_const(d) && !v->decl_node->spec_has_body);
        bputs(b, " ");
        put_declarator(e, b, d, v->field, false);
    }
    bputs(b, ";\n");
}

static bool scope_empty(Scope *s)
{
    if (!s->has_frame)
        return true;
    for (int i = 0; i < s->vars.len; i++)
        if (((Var *)s->vars.data[i])->in_frame)
            return false;
    for (int i = 0; i < s->kids.len; i++)
        if (!scope_empty(s->kids.data[i]))
            return false;
    return s->temp_groups.len == 0;
}

static void put_scope(E *e, Buf *b, Scope *s, int depth);

/* members of a scope: its own frame objects, then a union of what its
 * inner scopes and statements hold (they are never alive together) */
static void put_scope(E *e, Buf *b, Scope *s, int depth)
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
            indent(b, depth);
            put_spec(e, b, n->spec_first, n->spec_last, false);
            for (int k = 0; k < n->decls.len; k++) {
                Decl *d = n->decls.data[k];
                bputs(b, k ? ", " : " ");
                put_declarator(e, b, d, d->var->field, false);
            }
            bputs(b, ";\n");
            continue;
        }
        put_var_member(e, b, v, depth);
    }
    int arms = 0;
    for (int i = 0; i < s->kids.len; i++)
        if (!scope_empty(s->kids.data[i]))
            arms++;
    arms += s->temp_groups.len;
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
        if (scope_empty(k))
            continue;
        if (one) {
            put_scope(e, b, k, depth);
            continue;
        }
        indent(b, depth);
        int line = k->owner ? src_line(e, T(e, k->owner->first)->start) : 0;
        bprintf(b, "struct { /* %s at line %d */\n",
                k->owner && k->owner->kind == N_FOR ? "for" : "block", line);
        put_scope(e, b, k, depth + 1);
        indent(b, depth);
        bputs(b, "};\n");
    }
    for (int i = 0; i < s->temp_groups.len; i++) {
        TempGroup *g = s->temp_groups.data[i];
        if (!one) {
            indent(b, depth);
            bputs(b, "struct { /* temporaries */\n");
        }
        for (int k = 0; k < g->temps.len; k++) {
            Temp *t = g->temps.data[k];
            indent(b, depth + !one);
            put_typed(b, t->type, t->field);
            bputs(b, ";\n");
        }
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

static void put_frame(E *e, Buf *b)
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
    if (co->has_bare_yield)
        bputs(b, "    unsigned char cy_none; /* the last yield had no value */\n");
    if (co->has_recv) {
        bputs(b, "    ");
        put_typed(b, co->recv, "cy_recv");
        bputs(b, "; /* the value sent in */\n");
    }
    if (co->has_errmsg)
        bputs(b, "    const char *cy_errmsg; /* the message of a failure */\n");
    if (co->has_try)
        bputs(b, "    int32_t cy_caught; /* the error a catch receives */\n");
    if (co->defers.len)
        bputs(b, "    uint32_t cy_defer; /* the defer statements reached */\n");
    if (co->has_region)
        bputs(b, "    cy_region *cy_reg; /* where the frames of recursive awaits come from */\n");
    bool body = !scope_empty(co->scope);
    /* the result shares storage with the locals, which are dead once it is
     * written, unless defer statements still read them */
    bool shared = !co->defers.len && body;
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

/* ---- one coroutine ---- */

static void put_storage(Coroutine *co, Buf *b)
{
    if (co->is_static)
        bputs(b, "static ");
    else if (co->spec.is_extern)
        bputs(b, "extern ");
}

static void copy_src_to(E *e, Buf *b, int from, int to)
{
    if (to > from)
        bput(b, e->src->text + from, (size_t)(to - from));
}

static void put_params(E *e, Buf *b, Coroutine *co)
{
    copy_src_to(e, b, T(e, co->params_open)->start, T(e, co->params_close)->end);
}

static void emit_prototype(E *e, Coroutine *co)
{
    put_storage(co, e->out);
    bprintf(e->out, "cy_task *%s", co->name);
    put_params(e, e->out, co);
    bputs(e->out, ";");
}

static void put_desc_value(Buf *b, const char *co, const char *what, const char *member)
{
    bprintf(b, "    .%s_offset = offsetof(struct %s__frame, %s),\n", what, co, member);
    bprintf(b, "    .%s_size = sizeof(((struct %s__frame *)0)->%s),\n", what, co, member);
    bprintf(b, "    .%s_kind = CY_KIND_OF_EXPR(((struct %s__frame *)0)->%s),\n", what, co, member);
}

/* Does the coroutine ask for an alignment (_Alignas, alignas, aligned)
 * that its frame may inherit beyond what malloc gives? */
static bool overaligned(E *e, Coroutine *co)
{
    for (int i = co->first; i <= co->body->last; i++) {
        const Token *t = T(e, i);
        if (t->kind == ALIGNAS)
            return true;
        if (t->kind == IDENTIFIER &&
            ((tok_len(t) == 7 && !memcmp(tok_text(e->src, t), "alignas", 7)) ||
             (tok_len(t) == 7 && !memcmp(tok_text(e->src, t), "aligned", 7)) ||
             (tok_len(t) == 11 && !memcmp(tok_text(e->src, t), "__aligned__", 11))))
            return true;
    }
    return false;
}

static void emit_definition(E *e, Coroutine *co)
{
    /* the body first: it decides the temporaries the frame holds */
    Buf body = {0};
    Buf *main_out = e->out;
    e->out = &body;
    e->scope = co->scope;
    line_directive(e, &body, src_line(e, T(e, co->body->first)->start));
    emit_node(e, co->body);
    e->out = main_out;

    Buf *b = e->out;
    const char *name = co->name;
    /* what coroc generates around the body is its own text: a C
     * compiler's error in it points at the generated file's line */
    generated_lines(e, b);
    put_frame(e, b);
    bprintf(b, "static cy_task *%s__resume(cy_task *cy_t);\n", name);
    bprintf(b, "static const cy_desc %s__desc = {\n", name);
    bprintf(b, "    .name = \"%s\",\n    .resume = %s__resume,\n", name, name);
    bprintf(b, "    .size = sizeof(struct %s__frame),\n", name);
    if (!co->result_void)
        put_desc_value(b, name, "result", "cy_result");
    if (co->has_yield)
        put_desc_value(b, name, "yield", "cy_yield");
    if (co->has_bare_yield)
        bprintf(b, "    .none_offset = offsetof(struct %s__frame, cy_none),\n", name);
    if (co->has_recv)
        put_desc_value(b, name, "recv", "cy_recv");
    if (co->has_errmsg)
        bprintf(b, "    .errmsg_offset = offsetof(struct %s__frame, cy_errmsg),\n", name);
    bputs(b, "};\n");

    /* in-place initialisation, for a frame the caller owns */
    bprintf(b, "/* %s__init(frame, ...) prepares a frame the caller owns */\n", name);
    bprintf(b, "static inline void %s__init(struct %s__frame *cy_f", name, name);
    if (co->params.len) {
        bputs(b, ", ");
        copy_src_to(e, b, T(e, co->params_open)->end, T(e, co->params_close)->start);
    }
    bputs(b, ")\n{\n");
    bprintf(b, "    cy_task_init(&cy_f->cy_task, &%s__desc, 0);\n", name);
    if (co->defers.len)
        bputs(b, "    cy_f->cy_defer = 0;\n");
    if (co->has_region)
        bputs(b, "    cy_f->cy_reg = NULL;\n");
    if (co->has_errmsg)
        bputs(b, "    cy_f->cy_errmsg = NULL;\n");
    /* copied, not assigned: a struct with a const member cannot be */
    for (int i = 0; i < co->param_vars.len; i++) {
        Var *v = co->param_vars.data[i];
        bprintf(b, "    memcpy((void *)&cy_f->%s, &%s, sizeof cy_f->%s);\n", v->field, v->name, v->field);
    }
    bputs(b, "}\n");

    /* the constructor */
    bprintf(b, "/* %s(...) makes a task that has not started yet */\n", name);
    put_storage(co, b);
    /* a static coroutine only awaited from this file is embedded: its
     * constructor may go unused */
    bprintf(b, "%scy_task *%s", co->is_static ? "CY_MAYBE_UNUSED " : "", name);
    put_params(e, b, co);
    bputs(b, "\n{\n");
    if (overaligned(e, co))
        bprintf(b, "    struct %s__frame *cy_f = _Alignof(struct %s__frame) > _Alignof(max_align_t)\n"
                   "        ? cy_alloc_aligned(sizeof *cy_f, _Alignof(struct %s__frame)) : cy_alloc(sizeof *cy_f);\n",
                name, name, name);
    else
        bprintf(b, "    struct %s__frame *cy_f = cy_alloc(sizeof *cy_f);\n", name);
    bputs(b, "    if (!cy_f)\n        return NULL;\n");
    bprintf(b, "    %s__init(cy_f", name);
    for (int i = 0; i < co->param_vars.len; i++)
        bprintf(b, ", %s", ((Var *)co->param_vars.data[i])->name);
    bputs(b, ");\n    cy_f->cy_task.flags = CY_F_HEAP;\n");
    bputs(b, "    return &cy_f->cy_task;\n}\n");

    /* the same, with the frame from a caller-owned pool */
    bprintf(b, "/* %s__in(pool, ...): the same, the frame taken from a cy_pool */\n", name);
    bprintf(b, "static inline CY_MAYBE_UNUSED cy_task *%s__in(cy_pool *cy_pool", name);
    if (co->params.len) {
        bputs(b, ", ");
        copy_src_to(e, b, T(e, co->params_open)->end, T(e, co->params_close)->start);
    }
    bputs(b, ")\n{\n");
    bprintf(b, "    struct %s__frame *cy_f = cy_pool_get(cy_pool);\n", name);
    bputs(b, "    if (!cy_f)\n        return NULL;\n");
    bprintf(b, "    %s__init(cy_f", name);
    for (int i = 0; i < co->param_vars.len; i++)
        bprintf(b, ", %s", ((Var *)co->param_vars.data[i])->name);
    bputs(b, ");\n    return &cy_f->cy_task;\n}\n");

    /* the resume function */
    bprintf(b, "/* the body of %s as a state machine */\n", name);
    bprintf(b, "static cy_task *%s__resume(cy_task *cy_t)\n{\n", name);
    bprintf(b, "    struct %s__frame *cy_f = (struct %s__frame *)cy_t;\n", name, name);
    bputs(b, "    switch (cy_f->cy_task.state) {\n    case 0: break;\n");
    for (int i = 1; i <= co->nsusp; i++)
        bprintf(b, "    case %d: goto cy_resume_%d;\n", i, i);
    bprintf(b, "    case CY_STATE_CANCEL: %s\n", exit_text(e));
    bputs(b, "    }\n");
    int saved_line = b->line;
    bput(b, body.buf ? body.buf : "", body.len);
    free(body.buf);
    if (e->opt->line_directives)
        b->line = body.line;
    else
        b->line = saved_line;
    if (has_cleanup(co)) {
        /* cleanup: the defer statements reached, last first */
        bputs(b, "\ncy_cleanup:;\n");
        E d = *e;
        d.out = b;
        for (int i = co->defers.len - 1; i >= 0; i--) {
            Node *n = co->defers.data[i];
            bprintf(b, "    if (cy_f->cy_defer & (UINT32_C(1) << %d)) ", i);
            line_directive(&d, b, src_line(e, T(e, n->body->first)->start));
            emit_node(&d, n->body);
            bputs(b, "\n");
        }
        if (co->defers.len)
            bputs(b, "    cy_f->cy_defer = 0;\n");
        if (co->has_region)
            bputs(b, "    cy_region_release(cy_f->cy_reg, cy_t);\n");
    }
    bputs(b, "\n    return cy_t;\n}\n");
}

/* The byte offset of the start of the line where the external
 * declaration holding the first cy_ identifier begins, or -1 if no cy_
 * identifier comes before the first coroutine (it is then included just
 * before that coroutine). */
static int runtime_include_point(E *e)
{
    int depth = 0, decl_start = -1;
    for (int i = 0; i < e->tl->ntoks; i++) {
        const Token *t = T(e, i);
        if (t->kind == PP_LINE) {
            if (depth == 0)
                decl_start = -1;
            continue;
        }
        if (decl_start < 0 && depth == 0)
            decl_start = i;
        if (t->kind == COROUTINE)
            return -1;
        if (t->kind == IDENTIFIER && tok_len(t) > 3 && !memcmp(tok_text(e->src, t), "cy_", 3)) {
            int off = T(e, decl_start)->start;
            while (off > 0 && e->src->text[off - 1] != '\n')
                off--;
            return off;
        }
        if (t->kind == '{' || t->kind == '(' || t->kind == '[')
            depth++;
        else if ((t->kind == '}' || t->kind == ')' || t->kind == ']') && depth > 0)
            depth--;
        /* a '}' may close a struct body, not a declaration: only ';'
         * ends one for sure (after a function body the include simply
         * goes before that function, which is as good) */
        if (depth == 0 && t->kind == ';')
            decl_start = -1;
    }
    return -1;
}

char *emit_file(const Options *opt, Source *src, TokenList *tl, Vec *pieces,
                size_t *out_len)
{
    Buf out = { .line = 1 };
    E e = { .opt = opt, .src = src, .tl = tl, .out = &out, .main_buf = true };
    int pos = 0;
    /* the runtime's header goes before the first external declaration that
     * names one of its cy_ identifiers or is a coroutine: late enough that
     * feature-test macros at the top of the file come first, early enough
     * for a file-scope cy_loop */
    int include_at = runtime_include_point(&e);
    bool included = false;
    for (int i = 0; i < pieces->len; i++) {
        Piece *p = pieces->data[i];
        if (p->kind != P_CORO || !p->coro)
            continue;
        int start = tl->toks[p->first].start;
        int end = tl->toks[p->end - 1].end;
        if (!included && include_at >= 0 && include_at < start) {
            copy_src(&e, pos, include_at);
            bputs(&out, "#include <errno.h>\n#include \"coroc.h\"\n");
            line_directive(&e, &out, src_line(&e, include_at));
            pos = include_at;
            included = true;
        }
        copy_src(&e, pos, start);
        if (out.len && out.buf[out.len - 1] != '\n')
            bputs(&out, "\n");
        if (!included) {
            bputs(&out, "#include <errno.h>\n#include \"coroc.h\"\n");
            included = true;
        }
        e.co = p->coro;
        e.labels = 0;
        e.loops.len = 0;
        e.handlers.len = 0;
        e.group = NULL;
        if (p->coro->body)
            emit_definition(&e, p->coro);
        else
            emit_prototype(&e, p->coro);
        pos = end;
        /* back to the user's text: map the rest of the line */
        line_directive(&e, &out, src_line(&e, end));
        if (!opt->line_directives && out.len && out.buf[out.len - 1] != '\n')
            bputs(&out, "\n");
    }
    copy_src(&e, pos, (int)src->len);
    *out_len = out.len;
    if (!out.buf)
        return calloc(1, 1);
    return out.buf;
}

static void collect_awaits(Node *n, Vec *out)
{
    if (!n)
        return;
    if (n->kind == N_AWAIT)
        vec_push(out, n);
    Kids k;
    children(n, &k);
    for (int i = 0; i < k.len; i++)
        collect_awaits(k.data[i], out);
    kids_free(&k);
}

void report_frames(FILE *f, Source *src, TokenList *tl, Vec *pieces)
{
    Options opt = { .line_directives = false };
    for (int i = 0; i < pieces->len; i++) {
        Piece *p = pieces->data[i];
        if (p->kind != P_CORO || !p->coro || !p->coro->body)
            continue;
        Buf b = {0};
        E e = { .opt = &opt, .src = src, .tl = tl, .out = &b, .co = p->coro };
        Coroutine *co = p->coro;
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
                    bprintf(&b, "%sline %d", any ? ", " : what[pass], src_line(&e, T(&e, n->first)->start));
                else
                    bprintf(&b, "%s%s (line %d%s)", any ? ", " : what[pass], n->callee->name,
                            src_line(&e, T(&e, n->first)->start),
                            kind < 2 && n->callee->runs_inline ? ", run inline" : "");
                any = true;
            }
        }
        bprintf(&b, "; the frame's size is sizeof(struct %s__frame), also %s__desc.size\n",
                co->name, co->name);
        put_frame(&e, &b);
        fprintf(f, "%s", b.buf ? b.buf : "");
        free(b.buf);
    }
}
