/*
 * lower.c - the lowering pass: each coroutine body becomes the body of its
 * resume function, a state machine.
 *
 * Reads the parse tree and what analysis decided (frame locals and their
 * member names, resume point numbers, embedded and inline awaits); writes
 * only a Lowered per coroutine: the resume function's text and the
 * temporaries each statement needs (which the layout pass places in the
 * frame).
 *
 * The body is the user's text with these rewrites:
 *   - a frame local x is written cy_f->x (renamed x_2 ... when names clash);
 *   - its declaration becomes an assignment of its initialiser;
 *   - yield v;       cy_f->cy_yield = (v); cy_f->cy_task.cy_state_ = N;
 *                    return NULL; cy_resume_N:;
 *   - await f(a)     the child task is created, returned to the driver (or
 *                    run inline), and its result copied once it is done;
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

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the lowering's state ---- */

typedef struct LoopCtx {
    bool is_switch;
    const char *cont;  /* label continue must jump to, NULL for native */
    bool cont_used;
} LoopCtx;

typedef struct TryCtx {
    const char *label; /* cy_catch_N */
    bool used;
} TryCtx;

typedef struct {
    const Options *opt;
    Source *src;
    TokenList *tl;
    Coroutine *co;
    Lowered *low;      /* what this pass makes for co */
    NameSet *temps;    /* names of the temporaries made so far */
    int ntemps;
    Buf *out;
    bool main_buf;     /* out is mapped to source lines */
    Scope *scope;
    TempGroup *group;  /* temporaries of the statement being lowered */
    Vec loops;         /* LoopCtx * */
    Vec handlers;      /* TryCtx *: the try statements around */
    Vec spliced;       /* Node *, char *: text that replaces a sub-expression */
    int labels;
    Vec macro_args;    /* (intptr_t) start, end offsets: a function-like
                          macro's arguments, where no #line may go */
    Node *at;          /* the suspension or throw being lowered: where its
                          failure or cancellation leaves from (defers) */
    int lin_tok;       /* first token of the expression lin() entered last */
} E;

/* how the coroutine ends once its result or error is set */
static bool has_cleanup(Coroutine *co) { return co->has_region; }

static const char *exit_text(E *e)
{
    return has_cleanup(e->co) ? "goto cy_cleanup;" : "return cy_t;";
}

static void run_defers(E *e, Node *exit, DeferCtx *from, DeferCtx *to);
static void emit_deferred_body(E *e, Node *d);
static int src_line(E *e, int tok);
static void run_defers_at(E *e)
{
    if (e->at)
        run_defers(e, e->at, e->at->dctx, e->at->dtarget);
}

/* The label of the innermost try's catch, or NULL. */
static const char *catch_label(E *e)
{
    if (!e->handlers.len)
        return NULL;
    TryCtx *h = e->handlers.data[e->handlers.len - 1];
    h->used = true;
    return h->label;
}

/* Fail with an error code (text of an int32_t) and a message (or NULL):
 * caught by the innermost try, else the coroutine ends. */
static void emit_fail(E *e, const char *code, const char *msg)
{
    const char *label = catch_label(e);
    if (label) {
        bprintf(e->out, "{ cy_f->cy_caught = %s; ", code);
        run_defers_at(e);
        bprintf(e->out, "goto %s; } ", label);
        return;
    }
    bprintf(e->out, "{ cy_fail(cy_t, %s); ", code);
    if (msg && e->co->has_errmsg)
        bprintf(e->out, "cy_f->cy_errmsg = %s; ", msg);
    run_defers_at(e);
    bprintf(e->out, "%s } ", exit_text(e));
}


static const Token *T(E *e, int i) { return &e->tl->toks[i]; }

static void copy_src(E *e, int from, int to)
{
    put_source(e->out, e->src, from, to, -1);
}

static void put_tok(E *e, Buf *b, int i)
{
    const Rename *r = rename_at(e->src, i);
    if (r) {
        bputs(b, r->text);
        return;
    }
    bput(b, tok_text(e->src, T(e, i)), (size_t)tok_len(T(e, i)));
}

static void line_directive(E *e, Buf *b, int line)
{
    put_line_directive(b, e->opt, e->src->name, line);
}


/* ---- columns: with #line on, each token the user wrote stands at its
 * .cy column, so that a C compiler's message names the line and column.
 * What coroc inserts before a token (cy_f-> before a frame local) would
 * shift the rest of the line: the line is broken there, under a
 * "#line N" of the same line, and the token is indented back to its
 * column (the .cy line's own tabs kept).  Never inside the parentheses
 * after a name: a directive is undefined behaviour in the arguments of a
 * function-like macro (C11 6.10.3p11), and any call may be one in the C
 * compiler's configuration even where coroc's preprocessor run saw a
 * function (glibc's htonl is a macro only with __OPTIMIZE__). ---- */

static void find_macro_args(E *e)
{
    if (!e->co->body)
        return;
    for (int i = e->co->body->first; i < e->co->body->last; i++) {
        const Token *t = T(e, i);
        if (t->kind != IDENTIFIER || T(e, i + 1)->kind != '(')
            continue;
        int depth = 0, j = i + 1;
        for (; j <= e->co->body->last; j++) {
            int k = T(e, j)->kind;
            if (k == '(')
                depth++;
            else if (k == ')' && --depth == 0)
                break;
        }
        vec_push(&e->macro_args, (void *)(intptr_t)T(e, i + 1)->start);
        vec_push(&e->macro_args, (void *)(intptr_t)T(e, j <= e->co->body->last ? j : e->co->body->last)->end);
        i = j;
    }
}

static bool in_macro_args(E *e, int offset)
{
    for (int i = 0; i + 1 < e->macro_args.len; i += 2)
        if ((intptr_t)e->macro_args.data[i] <= offset && offset < (intptr_t)e->macro_args.data[i + 1])
            return true;
    return false;
}

/* A new output line for the same .cy line, indented to the column of
 * the source byte at offset (the .cy line's own tabs kept). */
static void break_to(E *e, int offset, int line, int col)
{
    Buf *b = e->out;
    while (b->len > b->col0 && (b->buf[b->len - 1] == ' ' || b->buf[b->len - 1] == '\t'))
        b->buf[--b->len] = 0;
    bprintf(b, "\n#line %d\n", line);
    b->line = line;
    const char *start = e->src->text + offset - (col - 1);
    for (int i = 0; i < col - 1; i++)
        bputs(b, start[i] == '\t' ? "\t" : " ");
}

/* Can the output be kept at the columns of the source byte at offset?
 * (line and col: its position) */
enum { MAX_KEPT_COLUMN = 512 }; /* past it, a line is not broken: the
                                  padding would grow as its square */

static bool columns_kept(E *e, int offset, int *line, int *col)
{
    if (!e->main_buf || !e->opt->line_directives)
        return false;
    source_pos(e->src, offset, line, col);
    return e->out->line == *line && *col <= MAX_KEPT_COLUMN;
}

/* Put the output where the source byte at offset would go: at its
 * column on its line. */
static void align_to(E *e, int offset)
{
    int line, col;
    if (!columns_kept(e, offset, &line, &col))
        return;
    int cur = (int)bcol(e->out) + 1;
    if (cur > col && !in_macro_args(e, offset))
        break_to(e, offset, line, col);
    else
        for (; cur < col; cur++)
            bputs(e->out, " ");
}

/* A frame local written at offset: cy_f->field.  With the columns kept,
 * both cy_f (where clang and some of gcc's messages point: the start of
 * the expression) and -> (where others of gcc's point) stand at the
 * local's column, on two output lines of the same .cy line. */
static void put_frame_ref(E *e, int offset, const char *field)
{
    int line, col;
    align_to(e, offset);
    if (columns_kept(e, offset, &line, &col) && (int)bcol(e->out) + 1 == col &&
        !in_macro_args(e, offset)) {
        bputs(e->out, "cy_f");
        break_to(e, offset, line, col);
        bprintf(e->out, "->%s", field);
        return;
    }
    bprintf(e->out, "cy_f->%s", field);
}

/* copy_src for the user's text: its first token at its column. */
static void copy_aligned(E *e, int from, int to)
{
    int q = from;
    while (q < to && (e->src->text[q] == ' ' || e->src->text[q] == '\t'))
        q++;
    /* (no message points at a closing bracket, a comma or a semicolon:
     * they are left where they fall) */
    if (q >= to || strchr("\n\r;,)]", e->src->text[q])) {
        copy_src(e, from, to);
        return;
    }
    copy_src(e, from, q);
    align_to(e, q);
    copy_src(e, q, to);
}

/* Before a statement: make the output line stand for its source line. */
static void sync_line(E *e, int tok)
{
    if (!e->main_buf || !e->opt->line_directives)
        return;
    int line, col;
    source_pos(e->src, T(e, tok)->start, &line, &col);
    if (e->out->line == line)
        return;
    line_directive(e, e->out, line);
    for (int i = 1; i < col; i++)
        bputs(e->out, " ");
}

/* ---- splicing: a sub-expression already lowered is written as its text ---- */

/* The text is kept on the node (Node.spliced) so that finding it costs
 * nothing; the stack remembers what each splice replaced, to restore. */
static int splice_mark(E *e) { return e->spliced.len; }
static void splice(E *e, Node *n, const char *text)
{
    vec_push(&e->spliced, n);
    vec_push(&e->spliced, (void *)n->spliced);
    n->spliced = text;
}
static void splice_drop(E *e, int mark)
{
    for (int i = e->spliced.len - 2; i >= mark; i -= 2)
        ((Node *)e->spliced.data[i])->spliced = e->spliced.data[i + 1];
    e->spliced.len = mark;
}
static const char *spliced_text(E *e, Node *n)
{
    (void)e;
    return n->spliced;
}

/* ---- temporaries ---- */

/* A frame member name of the lowering's own, clashing with no local's. */
static const char *new_field(E *e, const char *base)
{
    for (int k = ++e->ntemps;; k = ++e->ntemps) {
        char *f = arena_printf("%s%d", base, k);
        size_t n = strlen(f);
        if (!nameset_has(e->co->fields, f, n) && !nameset_has(e->temps, f, n)) {
            nameset_add(e->temps, f, n);
            return f;
        }
    }
}

/* A temporary of the statement being lowered: the temporaries of one
 * statement are alive together, those of two statements never are. */
static const char *new_temp(E *e, const char *base, TypeText type)
{
    if (!e->group) {
        e->group = arena_alloc(sizeof *e->group);
        vec_push(&e->low->temps[e->scope->id], e->group);
    }
    Temp *t = arena_alloc(sizeof *t);
    t->field = new_field(e, base);
    t->type = type;
    t->tok = e->lin_tok;
    vec_push(&e->group->temps, t);
    return t->field;
}

static bool is_stmt(Node *n) { return n->kind >= N_BLOCK; }

static void emit_node(E *e, Node *n);

/* Is directive i a pragma that annotates the loop after it (#pragma GCC
 * unroll, GCC ivdep, GCC novector, clang loop, unroll, nounroll)? */
static bool loop_pragma(E *e, int i)
{
    const char *s = tok_text(e->src, T(e, i)), *end = s + tok_len(T(e, i));
    static const char *const words[] = { "pragma", "GCC", "clang" };
    while (s < end && (*s == ' ' || *s == '\t' || *s == '#'))
        s++;
    for (int w = 0; w < 3; w++) {
        size_t n = strlen(words[w]);
        if ((size_t)(end - s) > n && !memcmp(s, words[w], n) && (s[n] == ' ' || s[n] == '\t')) {
            s += n;
            while (s < end && (*s == ' ' || *s == '\t'))
                s++;
        } else if (w == 0) {
            return false;
        }
    }
    static const char *const loops[] = { "unroll", "ivdep", "novector", "loop", "nounroll" };
    for (size_t w = 0; w < sizeof loops / sizeof *loops; w++) {
        size_t n = strlen(loops[w]);
        if ((size_t)(end - s) >= n && !memcmp(s, loops[w], n) &&
            ((size_t)(end - s) == n || s[n] == ' ' || s[n] == '\t' || s[n] == '('))
            return true;
    }
    return false;
}

/* The text before statement k, from offset pos.  A loop that suspends has
 * a resume label inside it, a second way in, so a C compiler cannot apply
 * an annotation such as #pragma GCC unroll to it (gcc warns "ignoring loop
 * annotation"): the pragmas right before it are written as comments. */
static void copy_before(E *e, int pos, Node *k)
{
    int to = T(e, k->first)->start;
    if (k->suspends && (k->kind == N_FOR || k->kind == N_WHILE || k->kind == N_DO)) {
        int i = k->first - 1;
        while (i >= 0 && T(e, i)->kind == PP_LINE && T(e, i)->start >= pos)
            i--;
        for (i++; i < k->first; i++) {
            if (!loop_pragma(e, i))
                continue;
            const char *hash = memchr(tok_text(e->src, T(e, i)), '#', (size_t)tok_len(T(e, i)));
            int at = (int)(hash - e->src->text), len = T(e, i)->end - at;
            copy_src(e, pos, at);
            if (!memchr(hash, '\n', (size_t)len) && !strstr(arena_strndup(hash, (size_t)len), "*/"))
                bprintf(e->out, "/* %.*s: dropped by coroc, the loop suspends */", len, hash);
            else
                bputs(e->out, "/* a loop #pragma: dropped by coroc, the loop suspends */");
            pos = T(e, i)->end;
        }
    }
    copy_aligned(e, pos, to);
}

/* The text of tokens [first, last] with each child replaced by its
 * emission. */
static void emit_range(E *e, int first, int last, Kids *kids)
{
    int pos = T(e, first)->start;
    for (int i = 0; i < kids->len; i++) {
        Node *k = kids->data[i];
        if (k->first > last || k->last < first || k->first > k->last)
            continue;
        copy_before(e, pos, k);
        if (is_stmt(k))
            sync_line(e, k->first);
        emit_node(e, k);
        pos = T(e, k->last)->end;
    }
    copy_aligned(e, pos, T(e, last)->end);
}

static void emit_generic(E *e, Node *n)
{
    if (n->first > n->last)
        return;
    Kids kids;
    node_children(n, &kids);
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

/* ---- lowering expressions ---- */

static char *lin(E *e, Node *n);

static const char *frame_ref(const char *field) { return arena_printf("cy_f->%s", field); }

/* In a coroutine with defers around suspensions, each suspension records
 * where it is (the runtime's cancellation sets the state to
 * CY_STATE_CANCEL) */
static bool needs_at(Coroutine *co)
{
    /* with one resume point, a cancelled frame is there */
    return co->unwinds.len && co->nsusp > 1;
}

static void put_at(E *e, int id)
{
    if (needs_at(e->co))
        bprintf(e->out, "cy_f->cy_at = %d; ", id);
}

/* Cancelled while suspended at id: the defers registered there run (the
 * dispatch jumps here, between the suspension's return and its resume
 * label), then the coroutine ends. */
static void emit_unwind(E *e, int id)
{
    if (!e->at || !e->at->dctx)
        return;
    bprintf(e->out, "cy_unwind_%d: ", id);
    run_defers(e, e->at, e->at->dctx, NULL);
    bprintf(e->out, "%s ", exit_text(e));
}

static void emit_suspend(E *e, int id, const char *ret)
{
    put_at(e, id);
    bprintf(e->out, "cy_f->cy_task.cy_state_ = %d; return %s; ", id, ret);
    emit_unwind(e, id);
    bprintf(e->out, "cy_resume_%d:; ", id);
}

static char *lin_yield(E *e, Node *n)
{
    if (n->kids.len) {
        char *v = lin(e, n->kids.data[0]);
        bprintf(e->out, "cy_f->cy_yield = (%s); ", v);
        if (e->co->has_bare_yield)
            bprintf(e->out, "cy_f->cy_task.cy_desc_ = &%s__desc; ", e->co->name);
    } else if (e->co->has_bare_yield) {
        /* no value (Python's None): a descriptor that yields nothing */
        bprintf(e->out, "cy_f->cy_task.cy_desc_ = &%s__desc_none; ", e->co->name);
    }
    e->at = n;
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
        bprintf(e->out, "{ cy_task *cy_r = cy_run_inline_in(cy_f->cy_reg, cy_t, %s, %s__resume); ",
                child, callee->name);
    else
        bprintf(e->out, "{ cy_task *cy_r = cy_run_inline(cy_t, %s, %s__resume); ", child, callee->name);
    bputs(e->out, "if (cy_r) { ");
    put_at(e, n->id);
    /* the unwind stands behind the return: a child that finished at once
     * goes on to the resume label */
    bprintf(e->out, "cy_f->cy_task.cy_state_ = %d; return cy_r; ", n->id);
    emit_unwind(e, n->id);
    bprintf(e->out, "} } cy_resume_%d:; ", n->id);
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
    const char *label = catch_label(e);
    if (label)
        bprintf(e->out, "if (cy_failed(%s)) { cy_f->cy_caught = cy_error_of(%s); %s",
                task, task, release);
    else
        bprintf(e->out, "if (cy_failed(%s)) { cy_fail_as(cy_t, %s, &cy_f->cy_errmsg); %s",
                task, task, release);
    run_defers_at(e);
    if (label)
        bprintf(e->out, "goto %s; } ", label);
    else
        bprintf(e->out, "%s } ", exit_text(e));
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
    e->at = n;
    emit_await_child(e, n, child, false);
    emit_child_failure(e, child, "");
    if (n->value_used && !callee->result_void)
        return arena_printf("cy_f->%s.cy_result", emb);
    return "((void)0)";
}

/* A coroutine known only by a prototype is defined in another file, which
 * may say otherwise (double here, int there): before its result is
 * copied, its descriptor's size and kind must be those of the type this
 * file reads, else the awaiting coroutine fails (-EINVAL) with a message
 * instead of copying 8 bytes out of a 4-byte result. */
static void emit_result_check(E *e, Coroutine *callee, const char *aw, const char *t)
{
    char *type = arena_printf("%s%s", callee->result.pre, callee->result.suf ? callee->result.suf : "");
    size_t n = strlen(type);
    while (n && type[n - 1] == ' ')
        type[--n] = 0;
    Buf msg = {0};
    bprintf(&msg, "coroutine '%s' does not return the %s its prototype (%s) says", callee->name,
            type, callee->where ? callee->where : "in this file");
    Buf lit = {0};
    bputs(&lit, "\"");
    for (size_t i = 0; i < msg.len; i++) {
        if (msg.buf[i] == '"' || msg.buf[i] == '\\')
            bputs(&lit, "\\");
        bput(&lit, msg.buf + i, 1);
    }
    bputs(&lit, "\"");
    bprintf(e->out, "if (!cy_result_fits(cy_f->%s, sizeof cy_f->%s, CY_KIND_OF_EXPR(cy_f->%s))) { cy_task_free(cy_f->%s); ",
            aw, t, t, aw);
    emit_fail(e, "-CY_EINVAL", lit.buf);
    bputs(e->out, "} ");
    bfree(&msg);
    bfree(&lit);
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
        bprintf(e->out, "cy_f->%s = cy_region_frame(&cy_f->cy_reg, cy_t, sizeof(struct %s__frame)); ",
                aw, callee->name);
        bprintf(e->out, "if (!cy_f->%s) ", aw);
        e->at = n;
        emit_fail(e, "-CY_ENOMEM", NULL);
            const char *frame = arena_printf("((struct %s__frame *)(void *)cy_f->%s)", callee->name, aw);
        emit_child_init(e, op, callee, frame);
        e->at = n;
        bprintf(e->out, "%s->cy_reg = cy_f->cy_reg; ", frame);
    } else {
        char *text = lin(e, op);
        e->at = n;
        aw = new_temp(e, "cy_aw", task);
        bprintf(e->out, "cy_f->%s = %s; ", aw, text);
        bprintf(e->out, "if (!cy_f->%s) ", aw);
        emit_fail(e, "-CY_ENOMEM", NULL);
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
    bool held = !callee && !n->region && op->kind != N_CALL;
    const char *release_fmt = n->region ? "cy_region_pop(cy_f->cy_reg, cy_f->%s); "
                              : callee ? "cy_task_free(cy_f->%s); "
                              : held ? "cy_await_unhold(cy_f->%s); "
                                     : "cy_await_release(cy_f->%s); ";
    emit_child_failure(e, arena_printf("cy_f->%s", aw), arena_printf(release_fmt, aw));
    char *result = "((void)0)";
    if (n->value_used && callee && !callee->result_void) {
        const char *t = new_temp(e, "cy_t", callee->result);
        if (!callee->body && !callee->defined_here && !n->region)
            emit_result_check(e, callee, aw, t);
        if (n->region) /* its frame type is this one's */
            bprintf(e->out, "cy_memcpy(&cy_f->%s, &((struct %s__frame *)(void *)cy_f->%s)->cy_result, sizeof cy_f->%s); ",
                    t, callee->name, aw, t);
        else
            bprintf(e->out, "cy_memcpy(&cy_f->%s, cy_result_of(cy_f->%s), sizeof cy_f->%s); ", t, aw, t);
        result = (char *)frame_ref(t);
    }
    bprintf(e->out, release_fmt, aw);
    return result;
}

static void lin_discard(E *e, Node *n);
static void lin_in_place(E *e, Node *n);
static char *lin_stmtexpr(E *e, Node *n, bool value);

/* Run the suspensions of n, left to right, writing the statements they
 * need; return the text of what remains to compute. */
static char *lin(E *e, Node *n)
{
    if (!n)
        return "";
    e->lin_tok = n->first;
    /* a comma expression's node leaves out its parentheses, which the
     * places its text goes to (x = ..., f(..., ...)) need */
    if (!n->suspends && n->kind == N_COMMA)
        return arena_printf("(%s)", capture(e, n));
    if (!n->suspends)
        return capture(e, n);
    TypeText int_t = { "int", "" };
    switch (n->kind) {
    case N_YIELD:
        return lin_yield(e, n);
    case N_AWAIT:
        return lin_await(e, n);
    case N_STMTEXPR:
        return lin_stmtexpr(e, n, true);
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
    int mark = splice_mark(e);
    lin_in_place(e, n);
    char *text = capture(e, n);
    splice_drop(e, mark);
    return text;
}

/* Would lin(n) take its last path (run the suspending operands, then
 * write n around what they left)? */
static bool lowers_in_place(Node *n)
{
    switch (n->kind) {
    case N_YIELD: case N_AWAIT: case N_COMMA: case N_STMTEXPR:
        return false;
    case N_LOGAND: case N_LOGOR:
        return !((Node *)n->kids.data[1])->suspends;
    case N_COND:
        return n->kids.data[1] && !((Node *)n->kids.data[1])->suspends &&
               !((Node *)n->kids.data[2])->suspends;
    default:
        return true;
    }
}

/* The suspensions of n's operands, left to right, each operand's
 * remaining text spliced in; an operand that lowers in place is not
 * written out on its own but left to the capture of n (so that a chain of
 * n operators costs time linear in n, not quadratic). */
static void lin_in_place(E *e, Node *n)
{
    Kids kids;
    node_children(n, &kids);
    for (int i = 0; i < kids.len; i++) {
        Node *k = kids.data[i];
        if (!k->suspends)
            continue;
        if (lowers_in_place(k))
            lin_in_place(e, k);
        else
            splice(e, k, lin(e, k));
    }
    kids_free(&kids);
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
    case N_STMTEXPR:
        lin_stmtexpr(e, n, false);
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

/* A GNU statement expression ({ ... }) that suspends: its statements are
 * lowered as a block where it stood, and its value, the last expression
 * statement's, goes into a frame temporary of that expression's type
 * (__typeof__, written at file scope by hoist.c's rules). */
static char *lin_stmtexpr(E *e, Node *n, bool value)
{
    Node *blk = n->body;
    int nk = blk->kids.len;
    Node *last = nk ? blk->kids.data[nk - 1] : NULL;
    bool has_value = last && last->kind == N_EXPRSTMT;
    const char *t = NULL;
    if (value && has_value) {
        Node *x = last->kids.data[0];
        Buf ty = {0};
        const Renames *saved = e->src->renames;
        e->src->renames = &e->src->file_map;
        bputs(&ty, "__typeof__(");
        put_source(&ty, e->src, T(e, x->first)->start, T(e, x->last)->end, -1);
        bputs(&ty, ")");
        e->src->renames = saved;
        TypeText tt = { btake(&ty), "" };
        t = new_temp(e, "cy_t", tt);
    }
    Scope *sc = e->scope;
    TempGroup *g = begin_stmt(e);
    e->scope = blk->scope;
    bputs(e->out, "{ ");
    for (int i = 0; i < nk; i++) {
        Node *k = blk->kids.data[i];
        if (i == nk - 1 && has_value) {
            TempGroup *g2 = begin_stmt(e);
            if (t)
                bprintf(e->out, "cy_f->%s = %s; ", t, lin(e, k->kids.data[0]));
            else
                lin_discard(e, k->kids.data[0]);
            end_stmt(e, g2);
        } else {
            emit_node(e, k);
            bputs(e->out, " ");
        }
    }
    bputs(e->out, "} ");
    e->scope = sc;
    end_stmt(e, g);
    return t ? (char *)frame_ref(t) : "((void)0)";
}

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
    if (init->kind == N_CALL && ((Node *)init->kids.data[0])->kind == N_IDENT)
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

/* A declarator of a declaration that puts other objects in the frame,
 * whose own object is a C local (or a prototype): declared on its own, as
 * written, in its place among the others. */
static void emit_c_declarator(E *e, Node *n, Decl *d)
{
    char *init = d->init ? lin(e, d->init) : NULL;
    copy_src(e, T(e, n->spec_first)->start, T(e, n->spec_last)->end);
    bputs(e->out, " ");
    Kids kids;
    kids_init(&kids);
    for (int k = 0; k < d->dkids.len; k++)
        kids_push(&kids, d->dkids.data[k]);
    emit_range(e, d->first, d->last, &kids);
    kids_free(&kids);
    if (init)
        bprintf(e->out, " = %s", init);
    bputs(e->out, "; ");
}

/* A declaration whose objects live in the frame: each initialiser
 * becomes an assignment; its other objects are declared as written. */
static void emit_frame_decl(E *e, Node *n)
{
    for (int i = 0; i < n->decls.len; i++) {
        Decl *d = n->decls.data[i];
        Var *v = d->var;
        if (!v || !v->in_frame) {
            emit_c_declarator(e, n, d);
            continue;
        }
        if (!d->init)
            continue;
        /* through a local copy: arrays, brace lists of a struct or union
         * (which may have const members, so no assignment), initialisers
         * that may be brace-list macros */
        bool aggregate = d->kind == DK_ARRAY || macro_initialiser(e, d->init) ||
                         (d->init->kind == N_INITLIST && d->kind == DK_PLAIN &&
                          (n->spec_has_body || spec_has_aggregate(e, n)));
        if (!aggregate && d->init->kind != N_INITLIST && d->init->kind != N_COMMA &&
            !d->init->suspends && e->main_buf &&
            e->opt->line_directives) {
            /* cy_f->x at x's column, then the initialiser at its own */
            put_frame_ref(e, T(e, d->name_tok)->start, v->field);
            if (T(e, d->init->first - 1)->kind == '=')
                align_to(e, T(e, d->init->first - 1)->start);
            else
                bputs(e->out, " ");
            bputs(e->out, "= ");
            emit_node(e, d->init);
            bputs(e->out, "; ");
            continue;
        }
        char *init = lin(e, d->init);
        if (!aggregate && d->init->kind != N_INITLIST) {
            bprintf(e->out, "cy_f->%s = %s; ", v->field, init);
        } else if (!aggregate) {
            /* a compound literal of the member's type */
            bputs(e->out, "cy_f->");
            bputs(e->out, v->field);
            bputs(e->out, " = (");
            put_spec(e->out, e->src, e->tl, n->spec_first, n->spec_last, drops_const(d));
            bputs(e->out, " ");
            put_declarator(e->out, e->src, e->tl, d, "", false, NULL);
            bprintf(e->out, ")%s; ", init);
        } else {
            /* arrays: initialise a local copy, then move it in */
            bputs(e->out, "{ ");
            put_spec(e->out, e->src, e->tl, n->spec_first, n->spec_last, false);
            bputs(e->out, " ");
            Decl copy = *d;
            copy.incomplete_array = false;
            put_declarator(e->out, e->src, e->tl, &copy, "cy_init", false, NULL);
            bprintf(e->out, " = %s; cy_memcpy((void *)&cy_f->%s, &cy_init, sizeof cy_f->%s); } ",
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

/* What a lowered loop runs after its body (continue label, step,
 * condition) goes on the body's last line, which keeps the #line mapping;
 * without #line it starts a line of its own, since gcc's
 * -Wmisleading-indentation would take it for part of an if without braces
 * that ends the body. */
static void after_body(E *e)
{
    if (e->opt->line_directives) {
        bputs(e->out, " ");
        return;
    }
    bputs(e->out, "\n        ");
}

static void emit_plain_return(E *e, Node *n);

static void emit_return(E *e, Node *n)
{
    if (e->co->plain) {
        emit_plain_return(e, n);
        return;
    }
    TempGroup *g = begin_stmt(e);
    bputs(e->out, "{ ");
    if (n->kids.len) {
        char *v = lin(e, n->kids.data[0]);
        put_typed(e->out, e->co->result, "cy_r");
        /* the value first, then the defers (C2y defer TS), then the
         * result, which shares storage with the locals they may read */
        bprintf(e->out, " = (%s); ", v);
        run_defers(e, n, n->dctx, NULL);
        bputs(e->out, "cy_f->cy_result = cy_r; ");
    } else {
        run_defers(e, n, n->dctx, NULL);
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
        sync_line(e, n->body->first);
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
    sync_line(e, n->body->first);
    emit_node(e, n->body);
    pop_loop(e);
    after_body(e);
    if (l->cont_used)
        bprintf(e->out, "%s:; ", cont);
    if (n->step) {
        TempGroup *g2 = begin_stmt(e);
        lin_discard(e, n->step);
        end_stmt(e, g2);
    }
    bputs(e->out, "} }");
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

/* ---- defer ---- */

/* One deferred statement, written where a block is left; with #line, on
 * lines of its own that stand for its own line in the .cy. */
/* Does the statement declare anything (a block, a for's own variable)? */
static bool declares(Node *n)
{
    if (!n)
        return false;
    if (n->kind == N_DECL)
        return true;
    Kids kids;
    node_children(n, &kids);
    bool found = false;
    for (int i = 0; i < kids.len && !found; i++)
        found = declares(kids.data[i]);
    kids_free(&kids);
    return found;
}

/* A deferred statement, written at one way out of its block.  Written
 * there, what it declares stands in the scopes of that exit, where
 * -Wshadow would see it hide their locals although, as the user wrote
 * it, it hides nothing: that warning is off for the copy (analysis made
 * sure that the names it reads still mean what they meant). */
static void emit_deferred(E *e, Node *d, Node *exit)
{
    /* a defer registered in a conditional's branch, run where the block
     * is left outside that branch: under the branch's conditions */
    int back = e->out->line;
    size_t col = bcol(e->out);
    const CondBranch *here = guard_of(e->co, exit->kind == N_BLOCK ? exit->last : exit->first);
    int opened = guard_open_nested(e->out, e->src, e->tl, here, guard_of(e->co, d->first));
    bool quiet = declares(d->body);
    if (quiet)
        bputs(e->out, "_Pragma(\"GCC diagnostic push\") _Pragma(\"GCC diagnostic ignored \\\"-Wshadow\\\"\") ");
    emit_deferred_body(e, d);
    if (quiet)
        bputs(e->out, "_Pragma(\"GCC diagnostic pop\") ");
    if (opened) {
        for (int i = 0; i < opened; i++) {
            bnewline(e->out);
            bputs(e->out, "#endif\n");
        }
        if (e->main_buf && e->opt->line_directives)
            line_directive(e, e->out, back);
        for (size_t i = 0; i < col; i++)
            bputs(e->out, " ");
    }
}

static void emit_deferred_body(E *e, Node *d)
{
    Node *at = e->at;
    if (e->main_buf && e->opt->line_directives) {
        int back = e->out->line;
        size_t col = bcol(e->out);
        sync_line(e, d->body->first);
        emit_node(e, d->body);
        bputs(e->out, " ");
        if (e->out->line != back) {
            line_directive(e, e->out, back);
            for (size_t i = 0; i < col; i++)
                bputs(e->out, " ");
        }
    } else {
        emit_node(e, d->body);
        bputs(e->out, " ");
    }
    e->at = at;
}

/* The defers registered at `from` but not at `to`, last registered first
 * (analysis made sure `to` is `from` or an outer list). */
static void run_defers(E *e, Node *exit, DeferCtx *from, DeferCtx *to)
{
    for (DeferCtx *c = from; c && c != to; c = c->parent)
        emit_deferred(e, c->defer, exit);
}

/* A defer statement itself: nothing to do where it stands (its scope
 * says which exits run it), but in if (c) defer f(); whose block ends at
 * once. */
static void emit_defer(E *e, Node *n)
{
    if (n->defer_now) {
        bputs(e->out, "{ ");
        emit_deferred(e, n, n);
        bputs(e->out, "}");
        return;
    }
    bputs(e->out, "/* defer */;");
}

/* Does the statement never end normally (so that nothing after it in a
 * block is reached)? */
static bool jumps_away(Node *n)
{
    while (n && (n->kind == N_LABEL || n->kind == N_CASE || n->kind == N_DEFAULT))
        n = n->body;
    if (!n)
        return false;
    switch (n->kind) {
    case N_BREAK: case N_CONTINUE: case N_GOTO: case N_RETURN: case N_THROW:
        return true;
    case N_BLOCK:
        return n->kids.len && jumps_away(n->kids.data[n->kids.len - 1]);
    default:
        return false;
    }
}

/* A block: its defers run where its end is reached (not after a last
 * statement that jumps away: dead code there would read as a fall through
 * to gcc's -Wimplicit-fallthrough). */
static void emit_block(E *e, Node *n)
{
    if (n->dctx == n->dtarget || n->first >= n->last ||
        (n->kids.len && jumps_away(n->kids.data[n->kids.len - 1]))) {
        emit_generic(e, n);
        return;
    }
    Kids kids;
    node_children(n, &kids);
    emit_range(e, n->first, n->last - 1, &kids);
    kids_free(&kids);
    /* on the closing brace's line, before it */
    copy_src(e, T(e, n->last - 1)->end, T(e, n->last)->start);
    run_defers(e, n, n->dctx, n->dtarget);
    put_tok(e, e->out, n->last);
}

static void emit_node(E *e, Node *n)
{
    const char *spliced = spliced_text(e, n);
    if (spliced) {
        bputs(e->out, spliced);
        return;
    }
    switch (n->kind) {
    case N_IDENT:
        if (n->var && n->var->in_frame) {
            put_frame_ref(e, T(e, n->tok)->start, n->var->field);
            return;
        }
        align_to(e, T(e, n->tok)->start);
        if (!n->var && e->co && !e->co->plain && is_func_name(e->src, T(e, n->tok))) {
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
    case N_COMPLIT:
        if (n->var && n->var->in_frame) {
            /* kept in the frame: the literal is copied into its member each
             * time it is evaluated, and the member is the object */
            const char *f = n->var->field;
            bprintf(e->out, "(*(cy_memcpy((void *)&cy_f->%s, &", f);
            emit_generic(e, n);
            bprintf(e->out, ", sizeof cy_f->%s), &cy_f->%s))", f, f);
            return;
        }
        break;
    case N_BLOCK:
    case N_FOR: {
        Scope *s = e->scope;
        e->scope = n->scope;
        if (n->kind == N_FOR)
            emit_for(e, n);
        else
            emit_block(e, n);
        e->scope = s;
        return;
    }
    case N_DECL:
        if (n->hoisted) {
            /* the type is declared at file scope, before the frame */
            bputs(e->out, ";");
            return;
        }
        if (decl_in_frame(n)) {
            TempGroup *g = begin_stmt(e);
            emit_frame_decl(e, n);
            end_stmt(e, g);
            return;
        }
        {
            /* an object that does not outlive the next suspension, with a
             * suspending initialiser: suspensions first, then the
             * declaration as written */
            int mark = splice_mark(e);
            if (n->suspends) {
                TempGroup *g = begin_stmt(e);
                for (int i = 0; i < n->decls.len; i++) {
                    Decl *d = n->decls.data[i];
                    if (d->init && d->init->suspends)
                        splice(e, d->init, lin(e, d->init));
                }
                end_stmt(e, g);
            }
            emit_generic(e, n);
            splice_drop(e, mark);
        }
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
            sync_line(e, n->body->first);
        emit_node(e, n->body);
            if (n->els) {
                bputs(e->out, " else ");
                sync_line(e, n->els->first);
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
            sync_line(e, n->body->first);
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
            sync_line(e, n->body->first);
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
            sync_line(e, n->body->first);
        emit_node(e, n->body);
            pop_loop(e);
            after_body(e);
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

    case N_THROW: {
        TempGroup *g = begin_stmt(e);
        bputs(e->out, "{ ");
        char *code = lin(e, n->kids.data[0]);
        char *msg = n->kids.len > 1 ? lin(e, n->kids.data[1]) : NULL;
        e->at = n;
        emit_fail(e, arena_printf("cy_errcode(%s)", code), msg);
        bputs(e->out, "}");
        end_stmt(e, g);
        return;
    }
    case N_TRY: {
        TryCtx *h = arena_alloc(sizeof *h);
        h->label = arena_printf("cy_catch_%d", ++e->labels);
        vec_push(&e->handlers, h);
        bputs(e->out, "{ ");
        sync_line(e, n->body->first);
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
            put_spec(e->out, e->src, e->tl, n->spec_first, n->spec_last, false);
            bputs(e->out, " ");
            put_declarator(e->out, e->src, e->tl, d, d->var->name, false, NULL);
            bprintf(e->out, " = cy_f->cy_caught; (void)%s; ", d->var->name);
        }
        emit_node(e, n->els);
        e->scope = sc;
        bputs(e->out, " }");
        return;
    }
    case N_DEFER:
        emit_defer(e, n);
        return;
    case N_BREAK:
    case N_GOTO:
        if (n->dctx != n->dtarget) {
            /* leaving blocks: their defers first */
            bputs(e->out, "{ ");
            run_defers(e, n, n->dctx, n->dtarget);
            emit_generic(e, n);
            bputs(e->out, " }");
            return;
        }
        break;
    case N_CONTINUE: {
        bool wrap = n->dctx != n->dtarget;
        if (wrap) {
            bputs(e->out, "{ ");
            run_defers(e, n, n->dctx, n->dtarget);
        }
        for (int i = e->loops.len - 1; i >= 0; i--) {
            LoopCtx *l = e->loops.data[i];
            if (l->is_switch)
                continue;
            if (l->cont) {
                l->cont_used = true;
                bprintf(e->out, "goto %s;%s", l->cont, wrap ? " }" : "");
                return;
            }
            break;
        }
        emit_generic(e, n);
        if (wrap)
            bputs(e->out, " }");
        return;
    }
    default:
        break;
    }
    emit_generic(e, n);
}
/* ---- one coroutine ---- */

/* Does the body hold a yield?  A coroutine without one suspends only where
 * something it awaits suspends, so each of its frames starts (state 0)
 * once and resumes only after a real suspension: its dispatch tests for
 * the start first (fib awaiting fib, W5). */
static bool body_yields(Node *n)
{
    if (!n)
        return false;
    if (n->kind == N_YIELD)
        return true;
    Kids kids;
    node_children(n, &kids);
    bool found = false;
    for (int i = 0; i < kids.len && !found; i++)
        found = body_yields(kids.data[i]);
    kids_free(&kids);
    return found;
}

static int src_line(E *e, int tok)
{
    int line, col;
    source_pos(e->src, T(e, tok)->start, &line, &col);
    return line;
}

Lowered *lower_coroutine(const Options *opt, Source *src, TokenList *tl, Coroutine *co)
{
    Lowered *low = arena_alloc(sizeof *low);
    low->temps = arena_alloc(sizeof(Vec) * (size_t)(co->nscopes ? co->nscopes : 1));
    Buf b = {0};
    E e = { .opt = opt, .src = src, .tl = tl, .co = co, .low = low, .out = &b,
            .main_buf = true, .scope = co->scope, .temps = nameset_new() };
    src->renames = &src->body_map;

    find_macro_args(&e);

    /* the dispatch: a goto to each resume point (under the conditions of
     * the branch it stands in) */
    bool start_first = co->nsusp && !body_yields(co->body);
    if (start_first)
        bputs(&b, "    /* it only awaits: started far more often than resumed */\n");
    bprintf(&b, "    %sswitch (cy_f->cy_task.cy_state_) {\n    case 0: default: break;\n",
            start_first ? "if (cy_f->cy_task.cy_state_ != 0) " : "");
    const CondBranch **guards = suspension_guards(co), *open = NULL;
    for (int i = 1; i <= co->nsusp; i++) {
        if (guards)
            guard_switch(&b, src, tl, &open, guards[i]);
        bprintf(&b, "    case %d: goto cy_resume_%d;\n", i, i);
    }
    guard_switch(&b, src, tl, &open, NULL);
    /* With two resume points or more, gcc's chain of compares would test
     * CY_STATE_CANCEL before some of them, on every resume: the test comes
     * after the switch instead (with one, the chain tests it last already). */
    bool cancel_after = !start_first && co->nsusp >= 2;
    if (cancel_after)
        bputs(&b, "    }\n    if (cy_f->cy_task.cy_state_ == CY_STATE_CANCEL) {\n");
    if (co->unwinds.len && !needs_at(co)) {
        int id = (int)(intptr_t)co->unwinds.data[0];
        if (guards && guards[id]) { /* the one resume point is in a branch */
            bputs(&b, "    case CY_STATE_CANCEL:\n");
            guard_switch(&b, src, tl, &open, guards[id]);
            bprintf(&b, "        goto cy_unwind_%d;\n", id);
            guard_switch(&b, src, tl, &open, NULL);
            bprintf(&b, "        %s\n", exit_text(&e));
        } else {
            bprintf(&b, "    case CY_STATE_CANCEL: goto cy_unwind_%d;\n", id);
        }
    } else if (co->unwinds.len) {
        /* cancelled: the defers of the last resume point */
        bputs(&b, cancel_after ? "        switch (cy_f->cy_at) {\n"
                               : "    case CY_STATE_CANCEL:\n        switch (cy_f->cy_at) {\n");
        for (int i = 0; i < co->unwinds.len; i++) {
            int id = (int)(intptr_t)co->unwinds.data[i];
            if (guards)
                guard_switch(&b, src, tl, &open, guards[id]);
            bprintf(&b, "        case %d: goto cy_unwind_%d;\n", id, id);
        }
        guard_switch(&b, src, tl, &open, NULL);
        bprintf(&b, "        default: break;\n        }\n        %s\n", exit_text(&e));
    } else {
        bprintf(&b, cancel_after ? "        %s\n" : "    case CY_STATE_CANCEL: %s\n", exit_text(&e));
    }
    bputs(&b, "    }\n");
    low->dispatch_lines = b.phys;

    /* the body, mapped to its lines in the .cy */
    line_directive(&e, &b, src_line(&e, co->body->first));
    emit_node(&e, co->body);
    /* what follows the body (cleanup, return) stands on its closing brace */
    int close = src_line(&e, co->body->last);
    if (has_cleanup(co)) {
        bputs(&b, "\ncy_cleanup:;\n");
        line_directive(&e, &b, close);
        if (co->has_region)
            bputs(&b, "    cy_region_release(cy_f->cy_reg, cy_t);\n");
    }
    line_directive(&e, &b, close);
    bputs(&b, opt->line_directives ? "    return cy_t;\n" : "\n    return cy_t;\n");
    low->end_line = b.line;
    low->resume = wrap_long_lines(b.buf ? b.buf : "", opt, src->name, MAX_LINE);
    bfree(&b);
    return low;
}

/* ---- a plain C function with defer statements ---- */

/* return v; leaving blocks with defers: the value first (C2y defer TS),
 * then the defers, then the return of the value */
static void emit_plain_return(E *e, Node *n)
{
    if (!n->dctx) {
        emit_generic(e, n);
        return;
    }
    bputs(e->out, "{ ");
    if (n->kids.len && !e->co->result_void) {
        put_typed(e->out, e->co->result, "cy_r");
        bprintf(e->out, " = (%s); ", capture(e, n->kids.data[0]));
        run_defers(e, n, n->dctx, NULL);
        bputs(e->out, "return cy_r; }");
        return;
    }
    if (n->kids.len) /* return f(); in a void function: f() first */
        bprintf(e->out, "%s; ", capture(e, n->kids.data[0]));
    run_defers(e, n, n->dctx, NULL);
    bputs(e->out, "return; }");
}

Lowered *lower_function(const Options *opt, Source *src, TokenList *tl, Coroutine *co)
{
    Lowered *low = arena_alloc(sizeof *low);
    low->temps = arena_alloc(sizeof(Vec) * (size_t)(co->nscopes ? co->nscopes : 1));
    Buf b = {0};
    E e = { .opt = opt, .src = src, .tl = tl, .co = co, .low = low, .out = &b,
            .main_buf = true, .scope = co->scope, .temps = nameset_new() };
    line_directive(&e, &b, src_line(&e, co->body->first));
    emit_node(&e, co->body);
    low->end_line = b.line;
    low->resume = wrap_long_lines(b.buf ? b.buf : "", opt, src->name, MAX_LINE);
    bfree(&b);
    src->renames = NULL;
    return low;
}
