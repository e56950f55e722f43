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
#include <unistd.h>

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

/* Text coroc writes that runs (the constructors, the resume function's
 * entry and dispatch): with #line directives on, each of its lines stands
 * for the .cy line `line` (the coroutine's name for the constructors, its
 * body's brace for the entry), so that a debugger stepping into it shows
 * that line, and a breakpoint on any other .cy line never lands in it. */
static bool has_text(const char *p, size_t n, const char *what)
{
    size_t k = strlen(what);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(p + i, what, k))
            return true;
    return false;
}

static void put_on_line(E *e, Buf *b, const char *text, int line)
{
    if (!e->opt->line_directives) {
        bputs(b, text);
        return;
    }
    /* each function's lines are joined into one, after a #line; comment
     * lines between functions stay as they are; a // comment ends its
     * line.  Text a join would break (parameters written with a directive
     * or a continuation line) is written as it is, after one #line. */
    bool plain = strstr(text, "\\\n") != NULL;
    for (const char *p = text; *p && !plain; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "") {
        const char *q = p;
        while (*q == ' ' || *q == '\t')
            q++;
        plain = *q == '#';
    }
    if (plain) {
        line_directive(e, b, line);
        bputs(b, text);
        return;
    }
    bool open = false;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t lead = 0;
        while (lead < n && p[lead] == ' ')
            lead++;
        bool comment = n >= lead + 4 && !memcmp(p + lead, "/*", 2) &&
                       !memcmp(p + n - 2, "*/", 2) && !has_text(p + lead + 2, n - lead - 4, "*/");
        if (comment && !open) {
            bput(b, p, n);
            bputs(b, "\n");
        } else {
            if (!open) {
                line_directive(e, b, line);
                bput(b, p, n);
            } else {
                bputs(b, " ");
                bput(b, p + lead, n - lead);
            }
            bool alone = has_text(p, n, "//");
            bool end = n == 1 && p[0] == '}';
            open = !alone && !end;
            if (!open)
                bputs(b, "\n");
        }
        p = nl ? nl + 1 : p + n;
    }
    if (open)
        bputs(b, "\n");
    b->line = line + 1;
}

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

/* .WHAT_type = "T": the type as written, for the runtime's messages */
static void put_desc_type(Buf *b, const char *what, TypeText t)
{
    char *text = arena_printf("%s%s", t.pre ? t.pre : "", t.suf ? t.suf : "");
    size_t n = strlen(text);
    while (n && text[n - 1] == ' ')
        n--;
    bprintf(b, "    .%s_type = \"", what);
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '"' || text[i] == '\\')
            bputs(b, "\\");
        bput(b, text + i, 1);
    }
    bputs(b, "\",\n");
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
static void put_desc(Buf *b, Coroutine *co, const char *suffix, bool with_yield,
                     const char *where)
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
    if (!co->result_void)
        put_desc_type(b, "result", co->result);
    if (co->has_yield && with_yield)
        put_desc_type(b, "yield", co->yield);
    if (where)
        bputs(b, where);
    bputs(b, "};\n");
}

static char *type_string(TypeText t)
{
    char *s = arena_printf("%s%s", t.pre ? t.pre : "", t.suf ? t.suf : "");
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = 0;
    return s;
}

/* One _Static_assert that type a (this definition's) is type b (the
 * header's prototype): the C compiler, which knows what typedef names
 * stand for, decides. */
static void put_same_type(Buf *b, const char *name, const char *what, const char *a,
                          const char *where, const char *bt)
{
    bprintf(b, "_Static_assert(_Generic(*(%s *)0, %s: 1, default: 0), \"coroutine '%s' %s %s here, "
               "but its prototype (%s) says %s\");\n", a, bt, name, what, a, where, bt);
}

/* A definition whose prototype comes from a header: both become the same
 * constructor (cy_task *NAME(...)), so the C compiler would not see that
 * they disagree on the result or yield type, which the awaiting files
 * read; when the texts differ, the C compiler compares the types. */
static void check_header_proto(E *e, Coroutine *co)
{
    Coroutine *h = co->header_proto;
    if (!h)
        return;
    const char *mr = co->result_void ? "void" : type_string(co->result);
    const char *hr = h->result_void ? "void" : type_string(h->result);
    const char *my = co->has_yield ? type_string(co->yield) : "void";
    const char *hy = h->has_yield ? type_string(h->yield) : "void";
    bool result = strcmp(mr, hr) != 0, yield = strcmp(my, hy) != 0;
    if (!result && !yield)
        return;
    Buf *b = e->out;
    bnewline(b);
    line_directive(e, b, src_line(e, T(e, co->name_tok)->start));
    bnewline(b);
    if (result && (co->result_void || h->result_void))
        bprintf(b, "_Static_assert(0, \"coroutine '%s' returns %s here, but its prototype (%s) says %s\");\n",
                co->name, mr, h->where, hr);
    else if (result)
        put_same_type(b, co->name, "returns", mr, h->where, hr);
    if (yield && (!co->has_yield || !h->has_yield))
        bprintf(b, "_Static_assert(0, \"coroutine '%s' yields %s here, but its prototype (%s) says %s\");\n",
                co->name, my, h->where, hy);
    else if (yield)
        put_same_type(b, co->name, "yields", my, h->where, hy);
}

/* ---- where each resume point is (the desc's cy_file, cy_lines) ---- */

static void note_points(E *e, Node *n, int *lines, int nsusp)
{
    if (!n)
        return;
    if ((n->kind == N_YIELD || n->kind == N_AWAIT) && n->id > 0 && n->id <= nsusp)
        lines[n->id] = src_line(e, T(e, n->first)->start);
    Kids kids;
    node_children(n, &kids);
    for (int i = 0; i < kids.len; i++)
        note_points(e, kids.data[i], lines, nsusp);
    kids_free(&kids);
}

/* With #line directives on, the table of the .cy line of each resume
 * point (indexed by the frame's state; 0 is the coroutine's own line),
 * written before the desc; returns the desc's fields that name it, or
 * NULL under --no-line. */
static const char *put_point_lines(E *e, Coroutine *co)
{
    if (!e->opt->line_directives)
        return NULL;
    int n = co->nsusp + 1;
    int *lines = arena_alloc(sizeof *lines * (size_t)n);
    lines[0] = src_line(e, T(e, co->name_tok)->start);
    for (int i = 1; i < n; i++)
        lines[i] = lines[0];
    note_points(e, co->body, lines, co->nsusp);
    bprintf(e->out, "static const cy_u32 %s__lines[%d] = {", co->name, n);
    for (int i = 0; i < n; i++)
        bprintf(e->out, "%s%d", i ? ", " : " ", lines[i]);
    bputs(e->out, " };\n");
    Buf w = {0};
    bputs(&w, "    .cy_file = \"");
    for (const char *p = e->src->name; *p; p++) {
        if (*p == '"' || *p == '\\')
            bputs(&w, "\\");
        bput(&w, p, 1);
    }
    bprintf(&w, "\",\n    .cy_lines = %s__lines,\n    .cy_nlines = %d,\n", co->name, n);
    return btake(&w);
}

static void emit_definition(E *e, Coroutine *co)
{
    check_header_proto(e, co);
    Buf *b = e->out;
    const char *name = co->name;
    /* what coroc generates around the body is its own text: a C
     * compiler's error in it points at the generated file's line */
    put_generated_lines(b, e->opt);
    bputs(b, co->layout->frame);
    bprintf(b, "static cy_task *%s__resume(cy_task *cy_t);\n", name);
    const char *where = put_point_lines(e, co);
    put_desc(b, co, "__desc", true, where);
    /* the same, yielding nothing: a bare yield switches the frame to it,
     * so that cy_task_yielded answers NULL (Python's None) at no cost to
     * the coroutines without a bare yield */
    if (co->has_bare_yield)
        put_desc(b, co, "__desc_none", false, where);

    /* the constructors: their code stands on the coroutine's line */
    Buf ctor = {0};
    b = &ctor;
    /* in-place initialisation, for a frame the caller owns */
    bprintf(b, "/* %s__init(frame, ...) prepares a frame the caller owns */\n", name);
    bprintf(b, "static inline void %s__init(struct %s__frame *cy_f", name, name);
    if (co->params.len) {
        bputs(b, ", ");
        copy_src_to(e, b, T(e, co->params_open)->end, T(e, co->params_close)->start);
    }
    bputs(b, ")\n{\n");
    bprintf(b, "    cy_task_init(&cy_f->cy_task, &%s__desc, 0);\n", name);
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
                   "        ? cy_alloc_aligned(sizeof *cy_f, _Alignof(struct %s__frame)) : cy_frame_alloc(sizeof *cy_f);\n",
                name, name, name);
    else
        bprintf(b, "    struct %s__frame *cy_f = cy_frame_alloc(sizeof *cy_f);\n", name);
    bputs(b, "    if (!cy_f)\n        return NULL;\n");
    bprintf(b, "    %s__init(cy_f", name);
    for (int i = 0; i < co->param_vars.len; i++)
        bprintf(b, ", %s", ((Var *)co->param_vars.data[i])->name);
    bputs(b, ");\n    cy_f->cy_task.cy_flags_ = CY_F_HEAP;\n");
    bputs(b, "    return &cy_f->cy_task;\n}\n");

    /* the same, with the frame from a caller-owned pool */
    bprintf(b, "/* %s__in(pool, ...): the same, the frame taken from a cy_pool */\n", name);
    bprintf(b, "static inline CY_MAYBE_UNUSED cy_task *%s__in(cy_pool *cy_p", name);
    if (co->params.len) {
        bputs(b, ", ");
        copy_src_to(e, b, T(e, co->params_open)->end, T(e, co->params_close)->start);
    }
    bputs(b, ")\n{\n");
    bprintf(b, "    struct %s__frame *cy_f = cy_pool_get(cy_p);\n", name);
    bputs(b, "    if (!cy_f)\n        return NULL;\n");
    bprintf(b, "    %s__init(cy_f", name);
    for (int i = 0; i < co->param_vars.len; i++)
        bprintf(b, ", %s", ((Var *)co->param_vars.data[i])->name);
    bputs(b, ");\n    return &cy_f->cy_task;\n}\n");

    b = e->out;
    put_on_line(e, b, ctor.buf ? ctor.buf : "", src_line(e, T(e, co->name_tok)->start));
    bfree(&ctor);
    if (e->opt->line_directives)
        put_generated_lines(b, e->opt);

    /* the resume function */
    bprintf(b, "/* the body of %s as a state machine */\n", name);
    /* a label's address kept in the frame stays valid (the labels are the
     * resume function's), but gcc 12 takes it for a dangling pointer */
    if (co->label_values)
        bputs(b, "#pragma GCC diagnostic push\n"
                 "#pragma GCC diagnostic ignored \"-Wpragmas\"\n"
                 "#pragma GCC diagnostic ignored \"-Wunknown-warning-option\"\n"
                 "#pragma GCC diagnostic ignored \"-Wdangling-pointer\"\n");
    const Lowered *low = co->lowered;
    /* its entry and dispatch stand on the body's opening brace */
    Buf entry = {0};
    bprintf(&entry, "static cy_task *%s__resume(cy_task *cy_t)\n{\n", name);
    bprintf(&entry, "    struct %s__frame *cy_f = (struct %s__frame *)cy_t;\n", name, name);
    const char *body = low->resume;
    for (int i = 0; i < low->dispatch_lines && *body; i++) {
        const char *nl = strchr(body, '\n');
        body = nl ? nl + 1 : body + strlen(body);
    }
    bput(&entry, low->resume, (size_t)(body - low->resume));
    put_on_line(e, b, entry.buf, src_line(e, T(e, co->body->first)->start));
    bfree(&entry);
    bput(b, body, strlen(body));
    if (e->opt->line_directives)
        b->line = low->end_line;
    /* the return and the function's end stand on the body's closing brace */
    if (e->opt->line_directives)
        line_directive(e, b, src_line(e, T(e, co->body->last)->start));
    bputs(b, "}\n");
    if (co->label_values)
        bputs(b, "#pragma GCC diagnostic pop\n");
}

/* A plain function with defer statements: its head as written, its body
 * as the lowering wrote it (the deferred statements in place). */
static void emit_function(E *e, Coroutine *fn, int start)
{
    line_directive(e, e->out, src_line(e, start));
    copy_src(e, start, T(e, fn->body->first)->start);
    const Lowered *low = fn->lowered;
    bput(e->out, low->resume, strlen(low->resume));
    if (e->opt->line_directives)
        e->out->line = low->end_line;
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
    /* without -dD the guard macros are gone: coroc_gen.h must not read
     * <stddef.h> again (its typedefs would be declared twice) */
    bputs(e->out, "#define CY_PREPROCESSED_ 1\n");
    bprintf(e->out, "#include \"%s\"\n", header);
    line_directive(e, e->out, src_line(e, at));
    *pos = at;
}

/* gdb's commands for coroutines (gdb/coroc_gdb.py): installed under
 * DATADIR/gdb/auto-load/coroc/ (DATADIR beside BINDIR, as PREFIX/share
 * and PREFIX/bin), or in the source tree beside build/.  NULL if neither
 * is there, or for a path that would need quoting. */
static const char *gdb_script_path(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = 0;
    /* /proc/self/exe is resolved: its directory's parent by cutting */
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(exe, '/');
        if (!slash)
            return NULL;
        *slash = 0;
    }
    static const char *rel[] = { "/share/gdb/auto-load/coroc/coroc_gdb.py", "/gdb/coroc_gdb.py" };
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        char *path = arena_printf("%s%s", exe, rel[i]);
        if (access(path, R_OK) != 0)
            continue;
        if (strpbrk(path, "\"\\\n"))
            return NULL;
        return path;
    }
    return NULL;
}

/* With #line directives on: a .debug_gdb_scripts entry that makes gdb
 * load coroc_gdb.py with the program (the linker merges the entries of
 * all the files into one). */
static void put_gdb_script(E *e)
{
    const char *path = e->opt->line_directives ? gdb_script_path() : NULL;
    if (!path)
        return;
    bputs(e->out, "#if defined(__ELF__) && (defined(__GNUC__) || defined(__clang__))\n");
    bprintf(e->out, "__asm__(\".pushsection \\\".debug_gdb_scripts\\\", \\\"MS\\\",@progbits,1\\n"
                    ".byte 1\\n.asciz \\\"%s\\\"\\n.popsection\\n\");\n", path);
    bputs(e->out, "#endif\n");
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
        if (any)
            put_gdb_script(&e);
        line_directive(&e, &out, 1);
    }
    bool included = false;
    for (int i = 0; i < pieces->len; i++) {
        Piece *p = pieces->data[i];
        if ((p->kind != P_CORO && p->kind != P_FUNC) || !p->coro)
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
        if (p->kind == P_FUNC) {
            copy_src(&e, pos, start);
            emit_function(&e, p->coro, start);
            pos = end;
            line_directive(&e, &out, src_line(&e, end));
            continue;
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

