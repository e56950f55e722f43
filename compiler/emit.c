/*
 * emit.c - the emission pass: the output file.
 *
 * Everything outside coroutines is copied byte for byte.  Each coroutine
 * definition becomes, in place:
 *
 *   struct NAME__frame { cy_task cy_task; ...what survives a suspension... };
 *   static cy_task *NAME__resume(cy_task *cy_t);
 *   static const cy_desc NAME__desc = { ... };
 *   NAME__init(frame, PARAMS), NAME(PARAMS), NAME__in(pool, PARAMS)
 *   static cy_task *NAME__resume(cy_task *cy_t) { dispatch; the body }
 *
 * Reads the frame struct (layout pass) and the resume function's body
 * (lowering pass); writes only the output buffer.  What coroc generates
 * around the body is mapped to the output file itself by #line, so that a
 * C compiler's message about it points there; the body and the user's
 * text are mapped to the .cy.
 */
#include "cc.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const Options *opt;
    Source *src;
    TokenList *tl;
    Buf *out;
} E;

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
    put_line_directive(b, e->opt, e->src->name, line);
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

/* static const cy_desc NAMEsuffix = { ... }: what the runtime knows of
 * the coroutine; with_yield false leaves its yield fields out. */
static void put_desc(Buf *b, Coroutine *co, const char *suffix, bool with_yield)
{
    const char *name = co->name;
    bprintf(b, "static const cy_desc %s%s = {\n", name, suffix);
    bprintf(b, "    .name = \"%s\",\n    .resume = %s__resume,\n", name, name);
    bprintf(b, "    .size = sizeof(struct %s__frame),\n", name);
    if (!co->result_void)
        put_desc_value(b, name, "result", "cy_result");
    if (co->has_yield && with_yield)
        put_desc_value(b, name, "yield", "cy_yield");
    if (co->has_recv)
        put_desc_value(b, name, "recv", "cy_recv");
    if (co->has_errmsg)
        bprintf(b, "    .errmsg_offset = offsetof(struct %s__frame, cy_errmsg),\n", name);
    bputs(b, "};\n");
}

static void emit_definition(E *e, Coroutine *co)
{
    Buf *b = e->out;
    const char *name = co->name;
    /* what coroc generates around the body is its own text: a C
     * compiler's error in it points at the generated file's line */
    put_generated_lines(b, e->opt);
    bputs(b, co->layout->frame);
    bprintf(b, "static cy_task *%s__resume(cy_task *cy_t);\n", name);
    put_desc(b, co, "__desc", true);
    /* the same, yielding nothing: a bare yield switches the frame to it,
     * so that cy_task_yielded answers NULL (Python's None) at no cost to
     * the coroutines without a bare yield */
    if (co->has_bare_yield)
        put_desc(b, co, "__desc_none", false);

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
        bprintf(b, "    cy_memcpy((void *)&cy_f->%s, &%s, sizeof cy_f->%s);\n", v->field, v->name, v->field);
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
    /* a label's address kept in the frame stays valid (the labels are the
     * resume function's), but gcc 12 takes it for a dangling pointer */
    if (co->label_values)
        bputs(b, "#pragma GCC diagnostic push\n"
                 "#pragma GCC diagnostic ignored \"-Wpragmas\"\n"
                 "#pragma GCC diagnostic ignored \"-Wunknown-warning-option\"\n"
                 "#pragma GCC diagnostic ignored \"-Wdangling-pointer\"\n");
    bprintf(b, "static cy_task *%s__resume(cy_task *cy_t)\n{\n", name);
    bprintf(b, "    struct %s__frame *cy_f = (struct %s__frame *)cy_t;\n", name, name);
    const Lowered *low = co->lowered;
    bput(b, low->resume, strlen(low->resume));
    if (e->opt->line_directives)
        b->line = low->end_line;
    bputs(b, "}\n");
    if (co->label_values)
        bputs(b, "#pragma GCC diagnostic pop\n");
}

/* The names coroc_gen.h declares (runtime_gen_names.h is made from it at
 * build time): a file that names only these needs no other header. */
static NameSet *gen_names(void)
{
    static const char *names[] = {
#include "runtime_gen_names.h"
    };
    NameSet *s = nameset_new();
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        nameset_add(s, names[i], strlen(names[i]));
    return s;
}

/* Does the identifier name a part of the runtime's API (coroc.h) that the
 * generated-code contract (coroc_gen.h) does not declare? */
static bool needs_api(E *e, const NameSet *gen, const Token *t)
{
    if (t->kind != IDENTIFIER && t->kind != TYPEDEF_NAME)
        return false;
    const char *s = tok_text(e->src, t);
    int n = tok_len(t);
    if (n <= 3 || (memcmp(s, "cy_", 3) && memcmp(s, "CY_", 3)))
        return false;
    return !nameset_has(gen, s, (size_t)n);
}

/* Where the runtime's API header goes: the byte offset of the start of the
 * line where the first external declaration that names a part of the API
 * begins, or -1 if the file names none (then only the contract is
 * included, at the top). */
static int api_include_point(E *e)
{
    NameSet *gen = gen_names();
    int depth = 0, decl_start = -1;
    for (int i = 0; i < e->tl->ntoks; i++) {
        const Token *t = T(e, i);
        if (t->kind == PP_LINE) {
            if (depth == 0)
                decl_start = -1;
            /* names in a branch never taken do not count */
            if (never_taken_if(e->src, t))
                i = skip_if0(e->src, e->tl, i);
            continue;
        }
        if (decl_start < 0 && depth == 0)
            decl_start = i;
        if (needs_api(e, gen, t)) {
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

/* Does the file name errno or a constant that looks like one of its
 * values (EAGAIN)?  The API's errors are negative errno values, which
 * coroc.h used to bring <errno.h> for. */
static bool names_errno(E *e)
{
    for (int i = 0; i < e->tl->ntoks; i++) {
        const Token *t = T(e, i);
        const char *s = tok_text(e->src, t);
        int n = tok_len(t);
        if (t->kind != IDENTIFIER)
            continue;
        if (n == 5 && !memcmp(s, "errno", 5))
            return true;
        if (n < 3 || s[0] != 'E')
            continue;
        bool upper = true;
        for (int k = 1; k < n; k++)
            if (!((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')))
                upper = false;
        if (upper)
            return true;
    }
    return false;
}

/* Where the file starts using the runtime's API: <errno.h>, if the file
 * names its values (coroc.h itself is at the top, with freestanding
 * headers only; <errno.h> comes here, after the file's feature-test
 * macros, and declares only names the C standard reserves). */
static void put_api_include(E *e, int *pos, int at)
{
    if (!names_errno(e))
        return;
    if (at < *pos)
        at = *pos;
    copy_src(e, *pos, at);
    bnewline(e->out);
    bputs(e->out, "#include <errno.h>\n");
    line_directive(e, e->out, src_line(e, at));
    *pos = at;
}

/* Does the file define max_align_t itself?  Only a preprocessed file does
 * (gcc -E -dD: <stddef.h>'s expansion, with its guard macros), and there
 * the runtime's header must come after that expansion, where including
 * <stddef.h> again does nothing, not before it. */
static bool defines_max_align_t(E *e)
{
    for (int i = 1; i + 1 < e->tl->ntoks; i++) {
        const Token *t = T(e, i);
        if (t->kind == IDENTIFIER && tok_len(t) == 11 && !memcmp(tok_text(e->src, t), "max_align_t", 11) &&
            T(e, i - 1)->kind == '}' && T(e, i + 1)->kind == ';')
            return true;
    }
    return false;
}

/* The runtime's header at the start of the line at offset at. */
static void put_late_header(E *e, int *pos, int at, const char *header)
{
    while (at > *pos && e->src->text[at - 1] != '\n')
        at--;
    if (at < *pos)
        at = *pos;
    copy_src(e, *pos, at);
    bnewline(e->out);
    bprintf(e->out, "#include \"%s\"\n", header);
    line_directive(e, e->out, src_line(e, at));
    *pos = at;
}

char *emit_file(const Options *opt, Source *src, TokenList *tl, Vec *pieces,
                size_t *out_len)
{
    Buf out = { .line = 1 };
    E e = { .opt = opt, .src = src, .tl = tl, .out = &out };
    int pos = 0;
    /* The runtime's header comes before every user line: the
     * generated-code contract (coroc_gen.h), or the whole API (coroc.h)
     * when the file names a part of it.  Both include only freestanding
     * headers and declare only cy_ and CY_ names, so no macro or
     * declaration of the user's can change them, and no feature-test
     * macro of the file is settled before the file defines it.  <errno.h>
     * goes before the first external declaration that names a part of the
     * API, if the file names errno values. */
    bool any = false;
    for (int i = 0; i < pieces->len; i++)
        if (((Piece *)pieces->data[i])->kind == P_CORO)
            any = true;
    int include_at = api_include_point(&e);
    const char *header = include_at >= 0 ? "coroc.h" : "coroc_gen.h";
    bool late = (any || include_at >= 0) && defines_max_align_t(&e);
    if ((any || include_at >= 0) && !late) {
        bprintf(&out, "#include \"%s\"\n", header);
        line_directive(&e, &out, 1);
    }
    bool included = false;
    for (int i = 0; i < pieces->len; i++) {
        Piece *p = pieces->data[i];
        if (p->kind != P_CORO || !p->coro)
            continue;
        int start = tl->toks[p->first].start;
        int end = tl->toks[p->end - 1].end;
        if (late) {
            put_late_header(&e, &pos, include_at >= 0 && include_at < start ? include_at : start, header);
            late = false;
        }
        if (!included && include_at >= 0 && include_at <= start) {
            put_api_include(&e, &pos, include_at);
            included = true;
        }
        copy_src(&e, pos, start);
        if (out.len && out.buf[out.len - 1] != '\n')
            bputs(&out, "\n");
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
    if (late)
        put_late_header(&e, &pos, include_at, header);
    if (!included && include_at >= 0)
        put_api_include(&e, &pos, include_at);
    copy_src(&e, pos, (int)src->len);
    *out_len = out.len;
    if (!out.buf)
        return calloc(1, 1);
    return out.buf;
}

