/*
 * macro.c - seeing through the macros of a coroutine where it matters.
 *
 * coroc lowers a coroutine's body from its text, and a macro hides text: a
 * loop macro hides a for, a statement macro may hide a return, a macro may
 * name a local that now lives in the frame (cy_f->count), stringize or
 * paste a local's name, or stand for a storage class in a declaration.
 * Such a use must be expanded before the parse; every other use stays as
 * written, for the C compiler to expand, which keeps the output readable.
 *
 * Two steps:
 *   - learn_macros reads the definitions, with their parameters, from the
 *     preprocessor's -dD output over the file's directives (or, with
 *     --no-cpp, the file's own directives), each with the .cy line it takes
 *     effect after: a #define or #undef inside a coroutine body counts from
 *     its line on, a header's from its #include's line;
 *   - expand_macros walks the tokens of each coroutine piece and replaces
 *     each use that needs expanding (see needs_expanding) by its expansion,
 *     on the line of the use (the newlines inside the use are kept, so
 *     every later token keeps its line, and #line keeps pointing at the
 *     .cy); the file is then lexed and split again.
 *
 * The expander follows C11 6.10.3: arguments are collected at the outer
 * parentheses, # makes a string of an argument's spelling, ## pastes two
 * tokens (an empty argument is a placemarker; GNU's , ## __VA_ARGS__ drops
 * the comma when there are none), and the result is rescanned with the
 * macro's own name disabled (a disabled name is "painted" and is never
 * expanded again).  Arguments are macro-expanded before substitution
 * (6.10.3.1) the same selective way, and fully where the macro, or one it
 * uses, stringizes or pastes, since the spelling then depends on it.
 */
#include "cc.h"
#include "parser.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- token lists ---- */

typedef struct MTok {
    const char *s;
    int len, kind;
    bool space;    /* white space before it */
    bool painted;  /* a disabled macro's name: never expanded again */
    bool kept;     /* a use decided not to need expanding: left to cc */
} MTok;

typedef struct {
    MTok *v;
    int n, cap;
} MToks;

static void mt_push(MToks *t, MTok x)
{
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 16;
        MTok *v = arena_alloc(sizeof *v * (size_t)cap);
        if (t->n)
            memcpy(v, t->v, sizeof *v * (size_t)t->n);
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = x;
}

static void mt_append(MToks *t, const MToks *u)
{
    for (int i = 0; i < u->n; i++)
        mt_push(t, u->v[i]);
}

static bool tok_is(const MTok *t, const char *w)
{
    return (size_t)t->len == strlen(w) && !memcmp(t->s, w, (size_t)t->len);
}

/* The tokens of a piece of C text (a replacement list, a pasted token). */
static MToks lex_text(const char *s, size_t n)
{
    /* "; " first, so that a list starting with # is not a directive */
    char *buf = arena_alloc(n + 3);
    memcpy(buf, "; ", 2);
    memcpy(buf + 2, s, n);
    Source src = { .name = "<macro>", .text = buf, .len = n + 2, .quiet = true };
    source_index_lines(&src);
    TokenList tl = {0};
    lex_source(&src, &tl);
    MToks out = {0};
    for (int i = 1; i < tl.ntoks; i++) {
        const Token *t = &tl.toks[i];
        MTok m = { buf + t->start, tok_len(t), t->kind, t->start > tl.toks[i - 1].end, false, false };
        mt_push(&out, m);
    }
    return out;
}

/* ---- definitions ---- */

typedef struct MacroDef {
    const char *name;
    bool function_like, variadic, undef;
    int nparams;
    const char **params;   /* the variadic one is __VA_ARGS__ or its GNU name */
    const char *body_text;
    size_t body_len;
    MToks body;            /* lexed on first use */
    bool lexed;
    int line;              /* in effect on the .cy lines after this one */
    struct MacroDef *prev; /* the definition before it, of the same name */
    Macro *words;          /* for find_macro_at, made on first use */
} MacroDef;

static int param_index(const struct MacroDef *m, const MTok *t);
static const MToks *body_of(struct MacroDef *m);

static const char *key_of(const char *name, size_t len)
{
    return arena_printf(")%.*s", (int)len, name);
}

static const MToks *body_of(MacroDef *m)
{
    if (!m->lexed) {
        m->body = lex_text(m->body_text, m->body_len);
        m->lexed = true;
    }
    return &m->body;
}

/* The definition of name in effect on a .cy line, or NULL. */
static MacroDef *lookup(const NameSet *names, const char *name, size_t len, int line)
{
    char key[256];
    if (len + 2 > sizeof key)
        return NULL;
    key[0] = ')';
    memcpy(key + 1, name, len);
    for (MacroDef *d = nameset_get(names, key, len + 1); d; d = d->prev)
        if (d->line < line)
            return d->undef ? NULL : d;
    return NULL;
}

const Macro *find_macro_at(const NameSet *s, const char *name, size_t len, int line)
{
    char key[256];
    if (len + 2 > sizeof key)
        return NULL;
    key[0] = ')';
    memcpy(key + 1, name, len);
    if (!nameset_get(s, key, len + 1))
        return find_macro(s, name, len);
    MacroDef *d = lookup(s, name, len, line);
    if (!d)
        return NULL;
    if (!d->words) {
        d->words = arena_alloc(sizeof *d->words);
        d->words->function_like = d->function_like;
        const MToks *b = body_of(d);
        for (int i = 0; i < b->n; i++) {
            const MTok *t = &b->v[i];
            if (t->kind != IDENTIFIER || param_index(d, t) >= 0)
                continue;
            /* a call of a function-like macro is no use of a local of
             * that name (Lua's G(L) next to a local G) */
            MacroDef *f = i + 1 < b->n && b->v[i + 1].kind == '(' ?
                          lookup(s, t->s, (size_t)t->len, line) : NULL;
            if (f && f->function_like)
                continue;
            vec_push(&d->words->words, arena_strndup(t->s, (size_t)t->len));
        }
    }
    return d->words;
}

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* One #define or #undef line (the text after '#'), in effect after line. */
static void read_directive(const char *s, const char *e, int line, NameSet *out)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    bool undef = e - s > 6 && !memcmp(s, "undef", 5) && (s[5] == ' ' || s[5] == '\t');
    bool def = e - s > 7 && !memcmp(s, "define", 6) && (s[6] == ' ' || s[6] == '\t');
    if (!undef && !def)
        return;
    s += def ? 7 : 6;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    const char *name = s;
    while (s < e && ident_char(*s))
        s++;
    size_t nlen = (size_t)(s - name);
    if (!nlen || nlen > 200)
        return;
    MacroDef *m = arena_alloc(sizeof *m);
    m->name = arena_strndup(name, nlen);
    m->line = line;
    m->undef = undef;
    if (def && s < e && *s == '(') {
        m->function_like = true;
        Vec params = {0};
        for (s++; s < e && *s != ')';) {
            while (s < e && (*s == ' ' || *s == '\t' || *s == ','))
                s++;
            const char *b = s;
            while (s < e && ident_char(*s))
                s++;
            if (s + 2 < e && !memcmp(s, "...", 3)) {
                m->variadic = true;
                vec_push(&params, s == b ? "__VA_ARGS__" : arena_strndup(b, (size_t)(s - b)));
                s += 3;
            } else if (s > b) {
                vec_push(&params, arena_strndup(b, (size_t)(s - b)));
            } else if (s < e && *s != ')') {
                s++; /* not a parameter list coroc understands */
            }
        }
        if (s < e)
            s++;
        m->nparams = params.len;
        m->params = (const char **)params.data;
    }
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    m->body_text = s;
    m->body_len = (size_t)(e - s);
    const char *key = key_of(m->name, nlen);
    m->prev = nameset_get(out, key, nlen + 1);
    nameset_put(out, key, nlen + 1, m);
}

void learn_macros(const Source *pp, const TokenList *ptl, const char *main_name, NameSet *out)
{
    /* with line markers (# N "file"): the .cy line of each output line */
    char *quoted = NULL;
    size_t qlen = 0;
    if (main_name) {
        Buf b = {0};
        for (const char *s = main_name; *s; s++) {
            if (*s == '"' || *s == '\\')
                bputs(&b, "\\");
            bput(&b, s, 1);
        }
        bputs(&b, "");
        qlen = b.len;
        quoted = btake(&b);
    }
    bool in_main = true;
    int base_line = 0, base_pp = 0, last_main = 0;
    for (int i = 0; i < ptl->ntoks; i++) {
        const Token *t = &ptl->toks[i];
        if (t->kind != PP_LINE)
            continue;
        const char *s = tok_text(pp, t), *e = s + tok_len(t);
        int line, col;
        source_pos(pp, t->start, &line, &col);
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        s++; /* '#' */
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        if (main_name && s < e && isdigit((unsigned char)*s)) {
            int n = atoi(s);
            while (s < e && isdigit((unsigned char)*s))
                s++;
            while (s < e && *s == ' ')
                s++;
            bool is_main = s < e && *s == '"' && (size_t)(e - s) > qlen + 1 &&
                           !memcmp(s + 1, quoted, qlen) && s[qlen + 1] == '"';
            if (in_main && !is_main)
                last_main = base_line + (line - base_pp - 1);
            in_main = is_main;
            base_line = n;
            base_pp = line;
            continue;
        }
        int at = !main_name ? line : in_main ? base_line + (line - base_pp - 1) : last_main;
        read_directive(s, e, at < 0 ? 0 : at, out);
    }
}

/* ---- the expander ---- */

typedef struct {
    const NameSet *names;  /* type names and macros */
    NameSet *idents;       /* identifiers the coroutine names (its locals among them) */
    int line;              /* the .cy line of the use being expanded */
    const char *file;
    Vec disabled;          /* MacroDef *: the macros being expanded */
    int depth;
    long produced;         /* tokens made by the use's expansions, against MAX_EXPANSION */
} X;

/* Expansions can grow exponentially (#define A(x) x x, nested): past this
 * many tokens for one use coroc stops expanding and says so. */
enum { MAX_EXPANSION = 1 << 18 };

static MacroDef *macro_at(X *x, const MTok *t)
{
    if (t->kind != IDENTIFIER || t->painted)
        return NULL;
    return lookup(x->names, t->s, (size_t)t->len, x->line);
}

static bool is_disabled(X *x, const MacroDef *m)
{
    for (int i = 0; i < x->disabled.len; i++)
        if (!strcmp(((MacroDef *)x->disabled.data[i])->name, m->name))
            return true;
    return false;
}

static int param_index(const struct MacroDef *m, const MTok *t)
{
    if (!m->function_like || t->kind != IDENTIFIER)
        return -1;
    for (int i = 0; i < m->nparams; i++)
        if (tok_is(t, m->params[i]))
            return i;
    if (m->variadic && tok_is(t, "__VA_ARGS__"))
        return m->nparams - 1;
    return -1;
}

/* The arguments of a use whose '(' is at in[lp]: false unless the
 * parentheses close and the count fits the parameters.  *end: the ')'. */
static bool collect_args(const MacroDef *m, const MToks *in, int lp, MToks **args, int *end)
{
    int n = m->nparams > 0 ? m->nparams : 1;
    MToks *a = arena_alloc(sizeof *a * (size_t)n);
    int k = 0, depth = 0;
    for (int i = lp + 1; i < in->n; i++) {
        const MTok *t = &in->v[i];
        if (t->kind == PP_LINE)
            return false;
        if (t->kind == '(') {
            depth++;
        } else if (t->kind == ')' && depth-- == 0) {
            int got = k + 1;
            if (m->nparams == 0 && (k > 0 || a[0].n))
                return false;
            if (m->nparams > 0 && got != m->nparams && !(m->variadic && got == m->nparams - 1))
                return false;
            *args = a;
            *end = i;
            return true;
        } else if (t->kind == ',' && depth == 0 &&
                   !(m->variadic && k == m->nparams - 1)) {
            if (++k >= n)
                return false;
            continue;
        }
        mt_push(&a[k], *t);
    }
    return false;
}

static MTok stringize(const MToks *arg, bool space)
{
    Buf b = {0};
    bputs(&b, "\"");
    for (int i = 0; i < arg->n; i++) {
        const MTok *t = &arg->v[i];
        if (i > 0 && t->space)
            bputs(&b, " ");
        bool quoted = t->kind == STRING_LITERAL || (t->kind == CONSTANT && memchr(t->s, '\'', (size_t)t->len));
        for (int j = 0; j < t->len; j++) {
            if (quoted && (t->s[j] == '"' || t->s[j] == '\\'))
                bputs(&b, "\\");
            bput(&b, t->s + j, 1);
        }
    }
    bputs(&b, "\"");
    size_t len = b.len;
    char *s = btake(&b);
    return (MTok){ s, (int)len, STRING_LITERAL, space, false, false };
}

static MTok paste(const MTok *l, const MTok *r)
{
    char *s = arena_printf("%.*s%.*s", l->len, l->s, r->len, r->s);
    MToks one = lex_text(s, strlen(s));
    int kind = one.n ? one.v[0].kind : IDENTIFIER;
    return (MTok){ s, (int)strlen(s), kind, l->space, false, false };
}

/* The replacement list of m with the arguments put in (6.10.3.1-3);
 * xargs: the arguments macro-expanded, for parameters not next to # or ##. */
static MToks substitute(MacroDef *m, MToks *args, MToks *xargs)
{
    const MToks *body = body_of(m);
    MToks out = {0};
    bool pasting = false, last_empty = false;
    for (int i = 0; i < body->n; i++) {
        const MTok *t = &body->v[i];
        if (t->kind == HASHHASH && i > 0 && i + 1 < body->n) {
            pasting = true;
            continue;
        }
        MToks piece = {0};
        int p = param_index(m, t);
        int q = i + 1 < body->n ? param_index(m, &body->v[i + 1]) : -1;
        if (m->function_like && t->kind == '#' && q >= 0) {
            mt_push(&piece, stringize(&args[q], t->space));
            p = q;
            i++;
        } else if (p >= 0) {
            bool raw = pasting || (i + 1 < body->n && body->v[i + 1].kind == HASHHASH);
            mt_append(&piece, raw || !xargs ? &args[p] : &xargs[p]);
            if (piece.n)
                piece.v[0].space = t->space;
        } else {
            mt_push(&piece, *t);
        }
        if (pasting) {
            pasting = false;
            bool va = m->variadic && p == m->nparams - 1;
            if (va && out.n && out.v[out.n - 1].kind == ',' && !last_empty) {
                if (!piece.n)
                    out.n--; /* GNU: , ## __VA_ARGS__ with no arguments */
                else
                    mt_append(&out, &piece);
                last_empty = false;
                continue;
            }
            if (!piece.n)
                continue; /* the placemarker on the right: the left stays */
            if (last_empty || !out.n) {
                mt_append(&out, &piece);
            } else {
                out.v[out.n - 1] = paste(&out.v[out.n - 1], &piece.v[0]);
                for (int j = 1; j < piece.n; j++)
                    mt_push(&out, piece.v[j]);
            }
            last_empty = false;
            continue;
        }
        mt_append(&out, &piece);
        last_empty = piece.n == 0;
    }
    return out;
}

/* ---- when a use needs expanding ---- */

/* Words whose statement the lowering must see: a jump, a case label,
 * coroc's own (a do ... while (0) with none of these, an if inside a
 * statement expression, stay inside an unexpanded macro) */
static bool is_stmt_keyword(int k)
{
    switch (k) {
    case RETURN: case BREAK: case CONTINUE: case GOTO: case CASE: case DEFAULT:
    case YIELD: case AWAIT: case THROW: case TRY: case CATCH: case DEFER: case COROUTINE:
        return true;
    default:
        return false;
    }
}

/* Words that make an argument a statement rather than an expression. */
static bool is_arg_keyword(int k)
{
    switch (k) {
    case FOR: case WHILE: case DO: case IF: case ELSE: case SWITCH:
        return true;
    default:
        return is_stmt_keyword(k);
    }
}

static bool is_func_word(const MTok *t)
{
    return tok_is(t, "__func__") || tok_is(t, "__FUNCTION__") || tok_is(t, "__PRETTY_FUNCTION__");
}

static bool starts_type(X *x, const MTok *t)
{
    switch (t->kind) {
    case VOID: case CHAR: case SHORT: case INT: case LONG: case FLOAT: case DOUBLE:
    case SIGNED: case UNSIGNED: case BOOL: case COMPLEX: case STRUCT: case UNION: case ENUM:
    case CONST: case VOLATILE: case RESTRICT: case ATOMIC: case TYPEOF: case INT128:
        return true;
    case IDENTIFIER:
        return nameset_has(x->names, t->s, (size_t)t->len);
    default:
        return false;
    }
}

typedef struct {
    bool head;       /* it starts with for, while, if or switch: a statement head */
    bool keyword;    /* a jump, a case label, or coroc's words */
    bool func;       /* __func__ and its GNU spellings */
    bool hash;       /* # or ## */
    bool paste;      /* ##: the name it makes may be a local's */
    bool names;      /* an identifier the coroutine names */
    bool decl;       /* it starts with a type or a storage class: a declaration */
    bool at_start;   /* the next macro looked at is the first word */
    bool semicolon;  /* it ends with a ';': a statement the parser must see */
} Closure;

/* What m's replacement list holds, with the macros it uses. */
static void closure(X *x, MacroDef *m, Closure *c, Vec *seen)
{
    for (int i = 0; i < seen->len; i++)
        if (seen->data[i] == m)
            return;
    if (seen->len > 64)
        return;
    vec_push(seen, m);
    const MToks *body = body_of(m);
    if (seen->len == 1 || c->at_start) {
        int k = body->n ? body->v[0].kind : 0;
        if (k == FOR || k == WHILE || k == IF || k == SWITCH || k == ELSE)
            c->head = true;
        /* a declaration: its locals must be seen (DECLARE_BUF(b, 64);) */
        if (body->n && (starts_type(x, &body->v[0]) || body->v[0].kind == STATIC ||
                        body->v[0].kind == EXTERN || body->v[0].kind == REGISTER) &&
            !(!m->function_like && nameset_has(x->names, m->name, strlen(m->name))))
            c->decl = true;
        c->at_start = body->n && k == IDENTIFIER && param_index(m, &body->v[0]) < 0;
    }
    /* it ends with its own ';' (libpng's PNG_UNUSED(x) is (void)x;) */
    if (seen->len == 1 && body->n && body->v[body->n - 1].kind == ';')
        c->semicolon = true;
    for (int i = 0; i < body->n; i++) {
        const MTok *t = &body->v[i];
        if (i > 0)
            c->at_start = false;
        if (is_stmt_keyword(t->kind))
            c->keyword = true;
        else if (t->kind == '#' || t->kind == HASHHASH)
            c->hash = true;
        if (t->kind == HASHHASH)
            c->paste = true;
        if (t->kind != IDENTIFIER || param_index(m, t) >= 0 || tok_is(t, m->name)) {
            c->at_start = false;
            continue;
        }
        if (is_func_word(t))
            c->func = true;
        MacroDef *d = lookup(x->names, t->s, (size_t)t->len, x->line);
        if (d)
            closure(x, d, c, seen);
        else if (nameset_has(x->idents, t->s, (size_t)t->len))
            c->names = true;
    }
}

static bool operator_kind(int k)
{
    switch (k) {
    case '+': case '-': case '*': case '/': case '%': case '<': case '>': case '=': case '&':
    case '|': case '^': case '!': case '~': case '?': case ':': case ',': case '.': case ';':
    case '#': case SHR_ASSIGN: case SHL_ASSIGN: case ADD_ASSIGN: case SUB_ASSIGN:
    case MUL_ASSIGN: case DIV_ASSIGN: case MOD_ASSIGN: case AND_ASSIGN: case XOR_ASSIGN:
    case OR_ASSIGN: case SHR: case SHL: case ARROW: case ANDAND: case OROR: case LE: case GE:
    case EQ: case NE: case ELLIPSIS: case HASHHASH:
        return true;
    default:
        return false;
    }
}

/* An argument the parser cannot read as an expression or a type name: an
 * operator (intop(+, a, b)), an empty one among several. */
static bool odd_argument(X *x, const MToks *a, int nargs)
{
    if (!a->n)
        return nargs > 1;
    const MTok *f = &a->v[0], *l = &a->v[a->n - 1];
    if (f->kind == '{')
        return true; /* a block, or braces standing alone (Lua's condmovestack(L,{},{})) */
    int depth = 0;
    for (int i = 0; i < a->n; i++) {
        int k = a->v[i].kind;
        depth += k == '(' || k == '[' || k == '{' ? 1 : k == ')' || k == ']' || k == '}' ? -1 : 0;
        if (k == ';' && depth == 0)
            return true; /* statements */
    }
    if (starts_type(x, f))
        return false;
    bool can_start = f->kind == '*' || f->kind == '&' || f->kind == '+' || f->kind == '-' ||
                     f->kind == '!' || f->kind == '~' || f->kind == ANDAND;
    return (operator_kind(f->kind) && !can_start) || operator_kind(l->kind);
}

/* A replacement list of declaration specifiers alone that the parser does
 * not know as a type: a storage class (#define local static), a qualifier,
 * attributes (XMLCALL), nothing at all. */
static bool declspec_only(X *x, MacroDef *m, int depth)
{
    if (depth > 16)
        return false;
    const MToks *b = body_of(m);
    for (int i = 0; i < b->n; i++) {
        const MTok *t = &b->v[i];
        switch (t->kind) {
        case STATIC: case EXTERN: case REGISTER: case AUTO: case THREAD_LOCAL: case INLINE:
        case NORETURN: case CONST: case VOLATILE: case RESTRICT:
            continue;
        case ATTRIBUTE:
            break;
        case IDENTIFIER:
            if (param_index(m, t) >= 0)
                continue;
            if (tok_is(t, "__declspec"))
                break;
            {
                /* a macro of the same kind (libpng's PNGCBAPI is PNGCAPI) */
                MacroDef *d = lookup(x->names, t->s, (size_t)t->len, x->line);
                if (d && !d->function_like && d != m && declspec_only(x, d, depth + 1))
                    continue;
            }
            return false;
        default:
            return false;
        }
        /* __attribute__((...)) or __declspec(...): its group */
        if (i + 1 >= b->n || b->v[i + 1].kind != '(')
            return false;
        int depth = 0;
        for (i++; i < b->n; i++)
            if (b->v[i].kind == '(')
                depth++;
            else if (b->v[i].kind == ')' && --depth == 0)
                break;
    }
    return true;
}

/* Does m's replacement list use parameter p as a member name (->p, .p)? */
static bool member_param(MacroDef *m, int p)
{
    const MToks *b = body_of(m);
    for (int i = 1; i < b->n; i++)
        if ((b->v[i - 1].kind == '.' || b->v[i - 1].kind == ARROW) && param_index(m, &b->v[i]) == p)
            return true;
    return false;
}

/* Does an object-like macro stand for string literals ("s", or another
 * such macro first)?  Such macros are joined with their neighbours. */
static bool string_macro(X *x, const MacroDef *m, int depth)
{
    if (!m || m->function_like || depth > 16)
        return false;
    const MToks *b = body_of((MacroDef *)m);
    if (!b->n)
        return false;
    const MTok *f = &b->v[0], *l = &b->v[b->n - 1];
    if (f->kind == STRING_LITERAL || l->kind == STRING_LITERAL)
        return true;
    return f->kind == IDENTIFIER && string_macro(x, lookup(x->names, f->s, (size_t)f->len, x->line), depth + 1);
}

/* Is the token next to a use a string literal, or (for a string macro) a
 * string macro: "=" LUA_INIT_VAR LUA_VERSUFFIX, LL(PRE RETS POS)? */
static bool string_neighbour(X *x, const MacroDef *m, const MTok *t)
{
    if (t->kind == STRING_LITERAL)
        return true;
    return t->kind == IDENTIFIER && !t->painted && string_macro(x, m, 0) &&
           string_macro(x, lookup(x->names, t->s, (size_t)t->len, x->line), 0);
}

/* by_string: the use stands next to a string literal ("%" PRIu64 "\n"),
 * which only its expansion can join */
static bool needs_expanding(X *x, MacroDef *m, MToks *args, int nargs, bool by_string)
{
    if (by_string)
        return true;
    /* a function-like macro named like a local: x(1) is no call of it */
    if (m->function_like && nameset_has(x->idents, m->name, strlen(m->name)))
        return true;
    bool arg_names = false;
    for (int i = 0; i < nargs; i++) {
        for (int j = 0; j < args[i].n; j++) {
            const MTok *t = &args[i].v[j];
            if (is_arg_keyword(t->kind))
                return true; /* a yield or await may run twice, or never */
            if (t->kind == IDENTIFIER && nameset_has(x->idents, t->s, (size_t)t->len))
                arg_names = true;
        }
        if (odd_argument(x, &args[i], nargs))
            return true;
        /* a member named like a local: (elm)->field.next with field tq */
        if (args[i].n == 1 && args[i].v[0].kind == IDENTIFIER &&
            nameset_has(x->idents, args[i].v[0].s, (size_t)args[i].v[0].len) && member_param(m, i))
            return true;
    }
    Closure c = {0};
    Vec seen = {0};
    closure(x, m, &c, &seen);
    return c.head || c.decl || c.semicolon || c.keyword || c.func || c.names || c.paste || (c.hash && arg_names) || declspec_only(x, m, 0);
}

/* ---- expanding ---- */

static void walk(X *x, const MToks *in, MToks *out, bool full);

/* The expansion of a use of m with its arguments (NULL: object-like). */
static MToks expand_use(X *x, MacroDef *m, MToks *args, bool full)
{
    MToks *xargs = NULL;
    if (x->produced > MAX_EXPANSION)
        return (MToks){0};
    if (m->function_like && m->nparams) {
        Closure c = {0};
        Vec seen = {0};
        closure(x, m, &c, &seen);
        xargs = arena_alloc(sizeof *xargs * (size_t)m->nparams);
        for (int i = 0; i < m->nparams; i++)
            walk(x, &args[i], &xargs[i], full || c.hash);
    }
    MToks r = substitute(m, args, xargs);
    x->produced += r.n;
    if (x->produced > MAX_EXPANSION)
        return r;
    MToks out = {0};
    vec_push(&x->disabled, m);
    walk(x, &r, &out, full);
    x->disabled.len--;
    return out;
}

/* __LINE__ or __FILE__ of an expansion: the use's */
static MTok line_token(X *x, const MTok *t, bool file)
{
    char *s = arena_printf("%d", x->line);
    if (file) {
        Buf b = {0};
        bputs(&b, "\"");
        for (const char *p = x->file; *p; p++) {
            if (*p == '"' || *p == '\\')
                bputs(&b, "\\");
            bput(&b, p, 1);
        }
        bputs(&b, "\"");
        s = btake(&b);
    }
    return (MTok){ s, (int)strlen(s), file ? STRING_LITERAL : CONSTANT, t->space, false, false };
}

/* Rescan: each use in in that needs expanding (every use when full) is
 * replaced by its expansion. */
static void walk(X *x, const MToks *in, MToks *out, bool full)
{
    if (++x->depth > 200) {
        mt_append(out, in);
        x->depth--;
        return;
    }
    for (int i = 0; i < in->n; i++) {
        MTok t = in->v[i];
        if (t.kind == IDENTIFIER && (tok_is(&t, "__LINE__") || tok_is(&t, "__FILE__"))) {
            mt_push(out, line_token(x, &t, tok_is(&t, "__FILE__")));
            continue;
        }
        MacroDef *m = (t.kept && !full) || x->produced > MAX_EXPANSION ? NULL : macro_at(x, &t);
        if (!m) {
            mt_push(out, t);
            continue;
        }
        if (is_disabled(x, m)) {
            t.painted = true;
            mt_push(out, t);
            continue;
        }
        MToks *args = NULL;
        int end = i, nargs = 0;
        if (m->function_like) {
            if (i + 1 >= in->n || in->v[i + 1].kind != '(' ||
                !collect_args(m, in, i + 1, &args, &end)) {
                mt_push(out, t);
                continue;
            }
            nargs = m->nparams;
        }
        bool by_string = (i > 0 && string_neighbour(x, m, &in->v[i - 1])) ||
                         (end + 1 < in->n && string_neighbour(x, m, &in->v[end + 1]));
        if (!full && !needs_expanding(x, m, args, nargs, by_string)) {
            t.kept = true;
            mt_push(out, t);
            continue;
        }
        MToks r = expand_use(x, m, args, full);
        if (r.n)
            r.v[0].space = t.space;
        mt_append(out, &r);
        i = end;
    }
    x->depth--;
}

/* Would a and b written side by side read as other tokens? */
static bool would_merge(char a, char b)
{
    static const char punct[] = "+-*/%<>=&|^!~#:.";
    if (ident_char(a) && (ident_char(b) || b == '"' || b == '\''))
        return true;
    if (a == '.' && isdigit((unsigned char)b))
        return true;
    return a && b && strchr(punct, a) && strchr(punct, b);
}

static void render(Buf *b, const MToks *t)
{
    for (int i = 0; i < t->n; i++) {
        const MTok *k = &t->v[i];
        if (i > 0 && (k->space || would_merge(b->len ? b->buf[b->len - 1] : 0, k->s[0])))
            bputs(b, " ");
        if (k->painted && i + 1 < t->n && t->v[i + 1].kind == '(')
            bprintf(b, "(%.*s)", k->len, k->s); /* no macro call, for cc either */
        else
            bput(b, k->s, (size_t)k->len);
    }
}

/* ---- the coroutine pieces ---- */

static MTok src_tok(const Source *src, const TokenList *tl, int i)
{
    const Token *t = &tl->toks[i];
    return (MTok){ tok_text(src, t), tok_len(t), t->kind,
                   i > 0 && t->start > tl->toks[i - 1].end, false, false };
}

/* The identifiers a piece names as objects (not called, not members, not
 * macros): its locals and parameters are among them. */
static NameSet *piece_idents(const Source *src, const TokenList *tl, const NameSet *names,
                             int first, int end)
{
    NameSet *s = nameset_new();
    for (int i = first; i < end; i++) {
        const Token *t = &tl->toks[i];
        if (t->kind != IDENTIFIER || (i + 1 < end && tl->toks[i + 1].kind == '('))
            continue;
        if (i > first && (tl->toks[i - 1].kind == '.' || tl->toks[i - 1].kind == ARROW))
            continue;
        int line, col;
        source_pos(src, t->start, &line, &col);
        MacroDef *m = lookup(names, tok_text(src, t), (size_t)tok_len(t), line);
        if (m && !m->function_like)
            continue;
        nameset_add(s, tok_text(src, t), (size_t)tok_len(t));
    }
    return s;
}

/* A use whose arguments hold a directive (undefined in C11 6.10.3p11): an
 * error if the macro would need expanding, since coroc cannot. */
static void directive_in_args(X *x, MacroDef *m, const Source *src, const TokenList *tl,
                              int i, int end)
{
    int depth = 0;
    for (int k = i + 1; k < end; k++) {
        int kind = tl->toks[k].kind;
        if (kind == '(')
            depth++;
        else if (kind == ')' && --depth == 0)
            return;
        else if (kind == PP_LINE) {
            Closure c = {0};
            Vec seen = {0};
            closure(x, m, &c, &seen);
            if (c.head || c.decl || c.keyword || c.func || c.names)
                error_at(src, tl->toks[k].start,
                         "a directive inside the arguments of macro '%s', which coroc must expand here: move the directive out of the macro's arguments",
                         m->name);
            return;
        }
    }
}

/* Rewrite the uses in tokens [first, end) that need expanding; the text
 * goes to b from *pos on.  Returns whether any was. */
static bool expand_piece(const Options *opt, const Source *src, const TokenList *tl,
                         const NameSet *names, int first, int end, Buf *b, int *pos)
{
    (void)opt;
    X x = { .names = names, .file = src->name };
    x.idents = piece_idents(src, tl, names, first, end);
    bool any = false;
    MToks all = {0};
    for (int i = first; i < end; i++)
        mt_push(&all, src_tok(src, tl, i));
    for (int i = first; i < end; i++) {
        const Token *t = &tl->toks[i];
        if (t->kind != IDENTIFIER)
            continue;
        int line, col;
        source_pos(src, t->start, &line, &col);
        x.line = line;
        MacroDef *m = lookup(names, tok_text(src, t), (size_t)tok_len(t), line);
        if (!m)
            continue;
        MToks *args = NULL;
        int last = i - first, nargs = 0;
        if (m->function_like) {
            if (i + 1 >= end || tl->toks[i + 1].kind != '(')
                continue;
            if (!collect_args(m, &all, i + 1 - first, &args, &last)) {
                directive_in_args(&x, m, src, tl, i, end);
                continue;
            }
            nargs = m->nparams;
        }
        bool by_string = (i > first && string_neighbour(&x, m, &all.v[i - 1 - first])) ||
                         (last + 1 < end - first && string_neighbour(&x, m, &all.v[last + 1]));
        if (!needs_expanding(&x, m, args, nargs, by_string))
            continue;
        x.produced = 0; /* the limit is per use */
        MToks r = expand_use(&x, m, args, false);
        if (x.produced > MAX_EXPANSION) {
            error_at(src, t->start, "the expansion of macro '%s' is too large (more than %d tokens)",
                     m->name, MAX_EXPANSION);
            return false;
        }
        for (int k = 0; k < r.n; k++) /* locals it declares (DECLARE_BUF's b_len) */
            if (r.v[k].kind == IDENTIFIER && !(k + 1 < r.n && r.v[k + 1].kind == '(') &&
                !(k > 0 && (r.v[k - 1].kind == '.' || r.v[k - 1].kind == ARROW)))
                nameset_add(x.idents, r.v[k].s, (size_t)r.v[k].len);
        int stop = tl->toks[first + last].end;
        bput(b, src->text + *pos, (size_t)(t->start - *pos));
        Buf e = {0};
        render(&e, &r);
        if (e.len && t->start > 0 && would_merge(src->text[t->start - 1], e.buf[0]))
            bputs(b, " ");
        bput(b, e.buf ? e.buf : "", e.len);
        if (e.len && would_merge(e.buf[e.len - 1], src->text[stop]))
            bputs(b, " ");
        bfree(&e);
        /* the lines of the use, so that what follows keeps its line */
        for (int k = t->start; k < stop; k++)
            if (src->text[k] == '\n')
                bputs(b, "\n");
        *pos = stop;
        i = first + last;
        any = true;
    }
    return any;
}

bool expand_macros(const Options *opt, Source *src, TokenList *tl, const NameSet *names,
                   Vec *pieces)
{
    Buf b = {0};
    int pos = 0;
    bool any = false;
    int errors = error_count;
    for (int i = 0; i < pieces->len; i++) {
        Piece *p = pieces->data[i];
        if (p->kind == P_CORO && expand_piece(opt, src, tl, names, p->first, p->end, &b, &pos))
            any = true;
    }
    if (!any || error_count > errors) {
        bfree(&b);
        return error_count == errors;
    }
    bput(&b, src->text + pos, src->len - (size_t)pos);
    src->len = b.len;
    src->text = btake(&b);
    source_index_lines(src);
    *tl = (TokenList){0};
    lex_source(src, tl);
    pieces->len = 0;
    split_file(src, tl, pieces);
    return true;
}
