/*
 * cc.h - shared declarations of the coroc compiler.
 *
 * The passes, in the order main() runs them; each reads what the ones
 * before it made and writes only its own results:
 *   lex       (lexer.l)    source bytes -> token array
 *   typedefs  (typedefs.c) typedef names from headers (via the C
 *                          preprocessor) and from the file itself
 *   split     (split.c)    token array -> top-level pieces: passthrough C,
 *                          coroutine prototypes, coroutine definitions
 *   macros    (macro.c)    the macro uses in coroutine pieces whose meaning
 *                          changes unexpanded, expanded in the text; tokens
 *                          and pieces made again
 *   parse     (parser.y)   each coroutine piece -> Coroutine with its AST
 *   analyze   (analyze.c)  signature, scopes, resume points, checks, which
 *                          locals live in the frame -> fields of Coroutine,
 *                          Scope, Var and the AST's analysis fields
 *   lower     (lower.c)    each body -> its resume function's text and
 *                          the temporaries of each statement (Lowered)
 *   layout    (frame.c)    each frame struct (Layout), the --frames report
 *   emit      (emit.c)     the output file: passthrough text, frames,
 *                          descriptors, constructors, resume functions
 * Helpers: out.c (text buffers, #line), types.c (types as text), ast.c
 * (walking the tree), nameset.c, arena.c, diag.c.
 */
#ifndef CC_H
#define CC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- arena.c: memory that lives until the end of the run ---- */
void *arena_alloc(size_t n); /* zeroed; exits on out-of-memory */
char *arena_strndup(const char *s, size_t n);
char *arena_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void arena_free_all(void);

/* growable array of pointers, arena-backed */
typedef struct {
    void **data;
    int len, cap;
} Vec;
void vec_push(Vec *v, void *p);

/* ---- options (main.c) ---- */
typedef struct {
    const char *cpp;   /* preprocessor command, default "cc -E" */
    Vec cpp_args;      /* -I -D -U options, in order (char *) */
    bool no_cpp;
    bool line_directives;
    bool frames_report;
    const char *input, *output;
    struct Depfile *dep; /* -MD and friends (depfile.h), NULL without */
} Options;

/* ---- out.c: growable text buffers (malloc'ed; btake moves into the arena) ---- */
typedef struct {
    char *buf;
    size_t len, cap;
    size_t col0; /* offset where the current output line starts */
    int line;    /* the .cy line the current output line stands for */
    int phys;    /* newlines written: the output's own line is phys + 1 */
} Buf;
void bput(Buf *b, const char *s, size_t n);
void bputs(Buf *b, const char *s);
void bprintf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *btake(Buf *b);
void bfree(Buf *b);
void bnewline(Buf *b);      /* end the current line unless it is empty */
size_t bcol(const Buf *b);  /* length of the current line so far */
/* #line LINE "FILE": the next output line stands for LINE of FILE */
void put_line_directive(Buf *b, const Options *opt, const char *file, int line);
/* Write a whole file: a regular file (or a new one) through a temporary
 * renamed into place, so it is never half written and never replaced by
 * anything but this run's complete output; a symbolic link is followed to
 * its target; a device or FIFO is written directly; "-" is standard output.
 * Says why on stderr and returns false on failure (only the temporary this
 * run made is removed). */
bool write_output(const char *name, const char *data, size_t len);
/* Do two paths (not "-") name the same file? */
bool same_file(const char *a, const char *b);
/* from here on, output lines stand for themselves in the output file */
void put_generated_lines(Buf *b, const Options *opt);
/* Lines of generated code longer than max are cut after a statement or a
 * brace outside parentheses, strings and comments; with #line directives,
 * each piece stands for the .cy line the whole line stood for.  The text
 * is in the arena; the number of lines grows by what was cut. */
enum { MAX_LINE = 160 };
char *wrap_long_lines(const char *text, const Options *opt, const char *file, int max);

/* ---- source files and diagnostics (diag.c) ---- */
/* A rewrite of tokens [first, last] (bytes [start, end)) as text, applied
 * where the coroutine's text is written (hoist.c). */
typedef struct Rename {
    int first, last, start, end;
    const char *text;
} Rename;
typedef struct Renames {
    Rename *items;         /* sorted by first; ranges do not overlap but nest */
    int len, cap;
} Renames;

typedef struct {
    const char *name;  /* as given on the command line */
    const char *text;  /* contents, NUL-terminated */
    size_t len;
    int *line_starts;  /* offset of each line's first byte */
    int nlines;
    bool quiet;        /* report nothing (text coroc made itself) */
    /* hoist.c: the rewrites of the bodies' text in the resume functions,
     * and at file scope (frames, hoisted types); the one in force */
    Renames body_map, file_map;
    const Renames *renames;
} Source;

typedef struct Token {
    int kind;       /* a bison token number, or a character for punctuators */
    int start, end; /* byte offsets in the source: [start, end) */
} Token;

void source_index_lines(Source *src);
void source_pos(const Source *src, int offset, int *line, int *col);
/* Report at a byte offset: "file:line:col: error: msg", the line, a caret.
 * Errors are counted; error_at returns so that several can be reported. */
void error_at(const Source *src, int offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void warning_at(const Source *src, int offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
extern int error_count;
/* Errors printed at most (the rest are counted, not shown); 0: no limit.
 * Set by -fmax-errors=N, as gcc's. */
enum { DEFAULT_MAX_ERRORS = 50 };
extern int max_errors;

/* ---- lexer.l ---- */
typedef struct {
    Token *toks;
    int ntoks, cap;
} TokenList;
/* Tokenise the whole source.  Preprocessor directives become one PP_LINE
 * token each; comments and white space make no token.  Reports unterminated
 * comments, strings and character constants.  Returns false on error. */
bool lex_source(Source *src, TokenList *out);
const char *token_name(int kind); /* for "expected ..." messages */

/* ---- nameset.c ---- */
typedef struct NameSet NameSet;
NameSet *nameset_new(void);
void nameset_add(NameSet *s, const char *name, size_t len);
bool nameset_has(const NameSet *s, const char *name, size_t len);
/* a value with the name (added if missing), and the value of a name */
void nameset_put(NameSet *s, const char *name, size_t len, void *value);
void *nameset_get(const NameSet *s, const char *name, size_t len);

/* ---- typedefs.c ---- */
void add_builtin_typedefs(NameSet *out);
/* Collect typedef names declared at file scope of a token list, and the
 * object-like macros that stand for a type (bool) or a keyword (alignas). */
void collect_typedefs(const Source *src, const TokenList *tl, NameSet *out);
/* A macro the file or its headers define: the identifiers of its
 * expansion, less its parameters' (to find the locals it names itself). */
typedef struct Macro {
    bool function_like;
    Vec words;             /* char *, each identifier of the expansion */
} Macro;
/* The macro of that name, or NULL. */
const Macro *find_macro(const NameSet *s, const char *name, size_t len);
/* The keyword a macro stands for (alignas: ALIGNAS), or 0. */
int keyword_macro(const NameSet *s, const char *name, size_t len);

/* Run the C preprocessor over the file's directives alone to learn the
 * typedef names its headers declare.  Returns false, after an error that
 * gives the preprocessor's own message, when it cannot be run or fails:
 * without the headers' types the parse would go wrong. */
bool collect_header_typedefs(const Options *opt, const Source *src,
                             const TokenList *tl, NameSet *out);
/* The coroutine prototypes of the headers that run read (coroutine, or
 * coroc.h's CY_COROUTINE(T), which coroc's run reads as coroutine T),
 * parsed and their signatures analysed, appended to out (from_header
 * set); none without a preprocessor run. */
void collect_header_coroutines(const NameSet *names, Vec *out);

/* ---- AST ---- */
typedef struct Node Node;
typedef struct { int first, last; } Loc; /* a token index range */

/* How the frame member of a[] = init gets its size, as C counts it: the
 * number of its initialisers, where each is one element (braced elements,
 * or scalars), else the sizeof of a compound literal with the same
 * initialiser, which the C compiler counts (a file-scope constant
 * expression, so the initialiser must not name locals); for scalar
 * elements with designators, the same literal with every value written 0
 * (SIZE_ZEROED: the values do not change the count, the designators do). */
enum { SIZE_NONE, SIZE_COUNT, SIZE_LITERAL, SIZE_ZEROED };

/* What a declarator says about the declared object: its outermost
 * derivation. */
enum { DK_PLAIN, DK_POINTER, DK_ARRAY, DK_FUNC };

/* A pointer prefix: the qualifiers of the last star apply to the object. */
typedef struct { int last_const_tok; } PInfo;

/* What declaration specifiers say. */
typedef struct {
    bool is_typedef, is_static, is_extern, has_body, is_const, is_coroutine;
    int coro_tok;
    Loc y, r;             /* coroutine(Y, R): type name ranges, first -1 if absent */
} SInfo;
typedef struct Var Var;
typedef struct Scope Scope;
/* The defer statements registered at a point of a body, innermost (last
 * registered) first: a list that shares its tail with the lists of the
 * points around (analysis); NULL is none. */
typedef struct DeferCtx {
    Node *defer;            /* the N_DEFER */
    struct DeferCtx *parent;
} DeferCtx;

typedef enum {
    /* expressions */
    N_IDENT,     /* tok: the identifier; var: what it names (analysis) */
    N_CALL,      /* kids[0] ( kids[1], ... ): a call; kids[0] is the callee */
    N_ADDR,      /* & kids[0] */
    N_COMPLIT,   /* ( kids[0] ) { kids[1...] }: a compound literal; kids[0] is
                    its N_TYPENAME; addr_taken: it is the operand of & */
    N_TYPENAME,  /* a type name (casts, sizeof, _Alignof, macro arguments):
                    kids are the expressions in its declarator (array sizes) */
    N_EXPR,      /* any other expression: kids are its operand
                    sub-expressions, evaluated in an unspecified order */
    N_LOGAND,    /* kids[0] && kids[1] */
    N_LOGOR,     /* kids[0] || kids[1] */
    N_COND,      /* kids[0] ? kids[1] : kids[2]; kids[1] may be NULL (a ?: b) */
    N_COMMA,     /* kids[0], kids[1] */
    N_UNEVAL,    /* sizeof, _Alignof, _Generic: kids are not evaluated */
    N_STMTEXPR,  /* GNU ({ ... }): body */
    N_YIELD,     /* yield [kids[0]] */
    N_AWAIT,     /* await kids[0] */
    N_INITLIST,  /* { ... }: kids are the initialisers */

    /* statements */
    N_BLOCK,     /* { kids } ; scope */
    N_DECL,      /* a declaration: decls (Decl *) */
    N_EXPRSTMT,  /* kids[0] ; */
    N_NULLSTMT,  /* ; */
    N_IF,        /* if (kids[0]) body [else els] */
    N_WHILE,     /* while (kids[0]) body */
    N_DO,        /* do body while (kids[0]); */
    N_FOR,       /* for (init; cond; step) body ; scope for init decls */
    N_SWITCH,    /* switch (kids[0]) body */
    N_CASE,      /* case kids[0] [... kids[1]]: body */
    N_DEFAULT,   /* default: body */
    N_LABEL,     /* tok: label name; body */
    N_GOTO,      /* goto tok; or goto *kids[0]; */
    N_BREAK,
    N_CONTINUE,
    N_RETURN,    /* return [kids[0]]; */
    N_ASM,       /* __asm__ statement: copied; kids: the N_IDENTs of its operands */
    N_THROW,     /* throw kids[0] [, kids[1]]; */
    N_TRY,       /* try body catch (decls[0]) els ; scope: the catch's */
    N_DEFER,     /* defer body; dctx: its own registration; defer_now: it
                    ends its secondary block at once (if (c) defer f();) */
    N_STATIC_ASSERT
} NodeKind;

/* One declarator of a declaration (int *p = x, a[3]; has two), of a
 * parameter, or of a coroutine itself. */
typedef struct Decl {
    int kind;          /* DK_*: the outermost derivation */
    int name_tok;      /* token index of the declared identifier, -1 if none */
    int first, last;   /* token range of the declarator (without initialiser) */
    Node *init;        /* initialiser expression or N_INITLIST, or NULL */
    Vec dkids;         /* expressions inside the declarator (array sizes) */
    bool incomplete_array; /* DK_ARRAY without a size: a[] */
    bool top_const;    /* a const that applies to the object itself in the declarator (* const p) */
    int top_const_tok; /* its token, to drop in the frame member */
    /* DK_FUNC: */
    int params_open, params_close; /* tokens ( and ) */
    Vec params;        /* Decl * */
    bool params_void, variadic;
    /* parameters: their specifiers */
    int spec_first, spec_last;
    bool spec_const;
    /* analysis */
    bool is_vla;       /* an array size is not a constant (ident or call) */
    Var *var;
} Decl;

struct Node {
    NodeKind kind;
    int first, last;   /* token range [first, last] in the source */
    int tok;           /* main token: identifier, label, keyword */
    Vec kids;          /* sub-nodes (see each kind) */
    Node *body, *els;  /* statements */
    Node *init, *cond, *step; /* N_FOR: init is N_DECL or N_EXPRSTMT or NULL */
    Vec decls;         /* N_DECL: Decl *; spec_first..spec_last: specifiers */
    int spec_first, spec_last;
    bool is_typedef, is_static, is_extern, spec_has_body, spec_const;
    bool is_coroutine;  /* N_DECL: a block-scope coroutine prototype */
    bool designated;    /* an initialiser with a designator */
    bool addr_taken;    /* N_COMPLIT: its address is taken: &(T){ ... } */
    bool subscripted;   /* N_COMPLIT: an array literal only subscripted: (T[]){ ... }[i] */
    Vec enums;          /* N_DECL: token indices of enumerators it declares */
    Scope *scope;      /* N_BLOCK, N_FOR, N_STMTEXPR */
    Var *var;          /* N_IDENT: what it names; N_COMPLIT: its frame member, if any */
    bool suspends;     /* contains a yield or await (analysis) */
    int id;            /* N_YIELD/N_AWAIT: resume point; loops: label number */
    struct Coroutine *callee; /* N_AWAIT of a known coroutine */
    bool value_used;   /* N_YIELD/N_AWAIT: its value is read */
    bool embed;        /* N_AWAIT: the callee's frame lives in this frame */
    bool region;       /* N_AWAIT: a self-recursive await: frame from a region */
    /* defer (analysis): dctx, the defers registered at this point (for a
     * block: at its end); dtarget, those registered where control goes
     * (a jump's target, a block's start, the catch of a throw or a failed
     * await): the ones between run on the way, innermost first */
    DeferCtx *dctx, *dtarget;
    bool defer_now;
    const char *spliced; /* lowering: the text that replaces it, if any */
    bool hoisted;       /* N_DECL: a typedef or tag declaration moved to file scope (hoist.c) */
};

struct Var {
    const char *name;      /* as written */
    const char *field;     /* frame member name, if in the frame */
    Node *decl_node;       /* the N_DECL (NULL for parameters) */
    Decl *decl;
    bool in_frame;
    bool is_param;
    bool is_static;
    bool is_typedef;       /* a typedef name declared in the body */
    bool is_enum_const;
    bool is_func;          /* a block-scope function prototype */
    bool has_linkage;      /* extern, or a function: may be declared again */
    int array_size;        /* a[] = init in the frame: how its size is written (SIZE_*) */
    bool force_frame;      /* read by a defer statement, which runs at exit */
    int seq;               /* suspension points seen before its declaration */
    Scope *scope;
    int tok;               /* the token of its name */
    Var *alias;            /* the same name declared before in this scope, in
                              another branch of a conditional (cond.c): one
                              frame member name for both */
    Node *clit;            /* a compound literal kept in the frame (its N_COMPLIT) */
    int clit_count;        /* its array's elements, with array_size SIZE_COUNT */
};

struct Scope {
    Scope *parent;
    Vec vars;              /* Var * declared here, in order */
    Vec kids;              /* child scopes */
    int id;                /* its number in the coroutine, from 0 */
    Node *owner;
    int seq_start;         /* suspension points seen when the scope opens */
    int seq_end;           /* suspension points seen when the scope closes */
    bool has_label;        /* a goto target lies inside it */
    bool pinned;           /* the body of a statement expression that suspends:
                              alive with its statement's temporaries, so it
                              shares no storage with them (frame.c) */
};

/* A type split around the declared name: prefix NAME suffix
 * (const char *NAME, int (*NAME)(int)). */
typedef struct {
    const char *pre, *suf;
} TypeText;

typedef struct Temp {
    const char *field;     /* cy_tN, cy_awN */
    TypeText type;
    int tok;               /* a token of the expression it serves (its guard) */
} Temp;
typedef struct TempGroup {
    Vec temps;             /* Temp *, all live during one statement */
} TempGroup;

/* A coroutine: its declaration and, for a definition, its body. */
typedef struct Coroutine {
    Decl *decl;            /* the function declarator */
    SInfo spec;
    Vec enums;
    const char *name;
    int name_tok;
    int first;             /* first token of the whole external declaration */
    int spec_first, spec_last; /* declaration specifiers (with coroutine) */
    int coro_tok;          /* the 'coroutine' keyword */
    int decl_first, decl_last; /* the function declarator */
    int params_open, params_close; /* ( and ) of the parameter list */
    bool result_void;      /* the result type is void */
    bool is_static;
    Vec params;            /* Decl * of the parameters */
    Vec param_vars;        /* Var * */
    bool params_void;      /* (void) */
    bool variadic;
    Node *body;            /* N_BLOCK, NULL for a prototype */
    int nsusp;             /* number of resume points */
    Scope *scope;          /* parameters' scope (the body block's parent) */
    TypeText result, yield, recv; /* result.pre NULL for void */
    bool has_yield, has_recv;
    bool label_values;     /* takes labels' addresses (GNU &&label) */
    bool has_bare_yield;   /* a yield type and a bare 'yield;': a bare yield
                              switches the frame to NAME__desc_none, whose
                              yield_size is 0 (no value: Python's None) */
    int nscopes;           /* scopes of the body (Scope.id < nscopes) */
    NameSet *fields;       /* frame member names of locals and parameters */
    Vec defers;            /* N_DEFER nodes, in source order */
    Vec unwinds;           /* (intptr_t) resume points in a defer's scope:
                              the frame keeps the last resume point in
                              cy_at, for a cancellation to run them */
    bool has_errmsg;       /* the frame keeps a failure message */
    bool has_try;
    bool has_region;       /* awaits itself: children come from a region */
    bool handle_awaits;    /* awaits a task handle (through cy_await) */
    bool runs_inline;      /* may be run inline by an awaiting parent */
    bool plain;            /* not a coroutine: a C function with defer */
    Vec known_callees;     /* Coroutine * awaited with an embedded or region frame */
    struct Hoist *hoist;   /* local types its frame needs (hoist.c) */
    struct Lowered *lowered; /* the lowering's result */
    struct Layout *layout;   /* the layout's result */
    /* prototypes learnt from the headers (typedefs.c): */
    bool from_header;      /* declared in a header the file includes */
    const char *where;     /* "file:line" of the declaration, for messages */
    struct Coroutine *header_proto; /* a definition: the header's prototype
                                       of the same name, if any */
    bool defined_here;     /* a prototype: the file defines the coroutine too */
    struct Conds *conds;     /* its conditional directives (cond.c) */
} Coroutine;

/* What the lowering makes of a coroutine definition. */
typedef struct Lowered {
    char *resume;          /* the resume function's body: dispatch, body, cleanup */
    int dispatch_lines;    /* its first lines (the dispatch) are coroc's own */
    int end_line;          /* the .cy line its last output line stands for */
    Vec *temps;            /* per Scope.id: TempGroup * of its statements */
} Lowered;

/* What the layout makes of a coroutine definition. */
typedef struct Layout {
    char *frame;           /* the text of struct NAME__frame { ... }; */
} Layout;
/* After every coroutine is analysed: which can run inline (analyze.c). */
void decide_inline(Vec *coros);

/* ---- parse (parser.y) ---- */
typedef struct {
    Source *src;
    TokenList *tl;
    NameSet *typedefs;
    int pos, first, end;   /* token cursor, first token, end (exclusive) */
    Coroutine *result;
    Vec scopes;            /* typedef names by scope; NULL opens a scope */
    Vec enums;             /* enumerators seen since the last declaration */
    bool variadic;         /* the parameter list being parsed ends in ... */
    int last_const;        /* last const in a pointer's qualifier list */
    int prev_kind;         /* the kind of the token yylex returned last */
    int nesting;           /* brackets open */
} Parser;
/* How deep brackets may nest in a coroutine (gcc accepts 10 000 parentheses
 * and 2 500 nested ifs by default; each level costs the later passes some
 * stack, which main gives them, see main.c). */
enum { MAX_NESTING = 20000 };
/* Parse tokens [first, end) as one coroutine declaration or definition. */
Coroutine *parse_coroutine(Source *src, TokenList *tl, NameSet *typedefs,
                           int first, int end);
Node *new_node(NodeKind kind, int first, int last);

/* ---- split.c ---- */
typedef enum { P_TEXT, P_CORO, P_FUNC } PieceKind; /* P_FUNC: a C function
                                                      with defer statements */
typedef struct {
    PieceKind kind;
    int first, end;        /* token range [first, end) */
    Coroutine *coro;
} Piece;
/* Split the file into passthrough text and coroutine declarations (and
 * the plain functions that use defer); report yield/await outside
 * coroutines. */
void split_file(Source *src, TokenList *tl, Vec *pieces);
/* A conditional directive whose branch a C compiler never takes (#if 0,
 * #ifdef __cplusplus), and the index of the directive that ends it. */
bool never_taken_if(const Source *src, const Token *t);
int skip_if0(const Source *src, const TokenList *tl, int i);

/* ---- macro.c ---- */
/* Learn the #define and #undef lines of a preprocessor's -dD output (line
 * markers name main_name, the .cy) or, with main_name NULL, of the .cy's
 * own directives: each definition with its parameters and the .cy line it
 * takes effect after. */
void learn_macros(const Source *pp, const TokenList *ptl, const char *main_name, NameSet *out);
/* Expand, in the coroutine pieces, the macro uses whose meaning would
 * change unexpanded (loops, statements, frame locals named in them, # and
 * ## on locals, storage classes, operators as arguments); if any was, the
 * text, its tokens and the pieces are made again.  False after an error. */
bool expand_macros(const Options *opt, Source *src, TokenList *tl, const NameSet *names,
                   Vec *pieces); /* false after an error */
/* The macro of that name in effect on a .cy line (after the #define and
 * #undef lines before it), or NULL; find_macro's when none was learned. */
const Macro *find_macro_at(const NameSet *s, const char *name, size_t len, int line);

/* ---- analyze.c ---- */
/* Names (char *) of coroutines whose declaration did not parse (main.c):
 * an await of one is not reported as an await of an unknown function. */
extern Vec unparsed_coroutines;
void analyze_coroutine(Source *src, TokenList *tl, const NameSet *names, Coroutine *co,
                       Vec *all_coros);
/* A plain C function with defer statements (co->plain): its scopes and
 * defers, no frame. */
void analyze_function(Source *src, TokenList *tl, const NameSet *names, Coroutine *co);

/* ---- misuse.c ---- */
/* A plain C function of the file whose result surely is no task handle. */
typedef struct {
    const char *name;
    const char *result; /* its specifiers, as text */
} PlainFunction;
extern Vec plain_functions; /* PlainFunction * */
/* Read the file's passthrough text: with coros NULL (before the
 * analysis), record its plain functions; else warn of calls of these
 * coroutines dropped as statements in plain functions. */
void scan_plain_text(const Source *src, const TokenList *tl, const Vec *pieces,
                     const Vec *coros);
const PlainFunction *find_plain_function(const char *name, size_t len);
/* The same for the file-scope declarations of the preprocessed headers. */
void collect_plain_declarations(const Source *src, const TokenList *tl);
/* The warning for a call of a coroutine whose task is dropped. */
void warn_dropped_call(const Source *src, int at, const char *name);

/* ---- hoist.c: local types the frame needs, written at file scope ---- */
typedef struct Hoist Hoist;
Hoist *hoist_new(Source *src, TokenList *tl, Coroutine *co,
                 Var *(*lookup)(void *ctx, const char *name, size_t len), void *ctx);
/* A type region of the body, tokens [first, last], in scope: binds its
 * tags, typedef names, enumerators and the locals it names (skip_tok: a
 * declarator's own name; tag_decl: the declaration, if it declares tags
 * only; nodes: expressions inside it that the tree holds). */
void hoist_scan(Hoist *h, int first, int last, Scope *scope, int skip_tok, Node *tag_decl,
                const Vec *nodes);
/* Once the frame is known: what is hoisted, its names, the rewrites. */
void hoist_decide(Hoist *h);
void hoist_rename_idents(Hoist *h, Node *n);
/* An expression whose type a frame member takes (__typeof__(expr)): the
 * locals it names are written at file scope as expressions of their type. */
void hoist_need_expr(Hoist *h, Node *expr);
/* The hoisted definitions (NULL if none). */
char *hoist_text(Hoist *h);
/* The rewrite that starts at token tok in the map in force, or NULL. */
const Rename *rename_at(const Source *src, int tok);
/* Bytes [from, to) of the source with the map in force applied (but the
 * rewrite starting at token skip_tok, or -1). */
void put_source(Buf *b, const Source *src, int from, int to, int skip_tok);

/* ---- ast.c ---- */
/* A short-lived list: on the stack when small, malloc'ed past that, so
 * that walking a large file does not fill the arena with dead lists. */
typedef struct {
    Node **data;
    int len, cap;
    Node *local[16];
} Kids;
/* The sub-nodes of n (expressions and statements), in source order. */
void node_children(Node *n, Kids *v);
void kids_init(Kids *v);
void kids_push(Kids *v, Node *n); /* NULL is skipped */
void kids_free(Kids *v);
/* Is the token __func__ (or GNU's __FUNCTION__)? */
bool is_func_name(const Source *src, const Token *t);

/* ---- types.c ---- */
/* Write specifiers [first, last] as a member's type (see types.c). */
void write_spec(const Source *src, const TokenList *tl, int first, int last,
                bool drop_const, void (*put)(void *ctx, const char *s, size_t n),
                void *ctx);
void put_spec(Buf *b, const Source *src, const TokenList *tl, int first, int last,
              bool drop_const);
char *spec_text(const Source *src, const TokenList *tl, int first, int last,
                bool drop_const);
/* tokens [first, last] separated by single spaces */
char *tokens_text(const Source *src, const TokenList *tl, int first, int last);
/* the declarator d with its name replaced by name; a parameter of array or
 * function type is written as the pointer it is; size, if not NULL, goes
 * between the brackets of an outermost [] */
void put_declarator(Buf *b, const Source *src, const TokenList *tl, const Decl *d,
                    const char *name, bool param, const char *size);
/* "T name" for a TypeText */
void put_typed(Buf *b, TypeText t, const char *name);
/* a member of a plain (non-derived) type drops its const: it is assigned */
static inline bool drops_const(const Decl *d) { return d->kind == DK_PLAIN; }

/* ---- lower.c ---- */
Lowered *lower_coroutine(const Options *opt, Source *src, TokenList *tl, Coroutine *co);
/* A plain function's body with its defers written out (Lowered.resume). */
Lowered *lower_function(const Options *opt, Source *src, TokenList *tl, Coroutine *co);

/* ---- frame.c ---- */
Layout *layout_coroutine(Source *src, TokenList *tl, Coroutine *co);
void report_frames(FILE *out, Source *src, TokenList *tl, Vec *coros);

/* ---- emit.c ---- */
/* Write the whole output to a memory buffer; the caller writes the file. */
char *emit_file(const Options *opt, Source *src, TokenList *tl, Vec *pieces,
                size_t *out_len);

/* ---- cond.c: conditional directives inside coroutine bodies ---- */
typedef struct CondGroup CondGroup;
/* One branch of a conditional: the text after group->dirs[k]. */
typedef struct CondBranch {
    CondGroup *group;
    int k;                     /* its directive's index in group->dirs */
    struct CondBranch *parent; /* the branch the group stands in, or NULL */
    int depth;                 /* groups around it, itself included */
} CondBranch;
struct CondGroup {
    Vec dirs;                  /* token indices (intptr_t): #if, #elif/#else..., #endif */
    int level;                 /* brackets open at its #if */
};
typedef struct Conds {
    int first, end;            /* the coroutine's tokens */
    const CondBranch **guard;  /* per token - first: the innermost branch it is in */
    Vec groups;                /* CondGroup *, in source order */
} Conds;
/* Before the parse: the conditionals of tokens [first, end), each branch
 * balanced in brackets; NULL after an error. */
Conds *scan_conditionals(Source *src, TokenList *tl, int first, int end);
/* After it: every directive between whole items of one block. */
bool check_conditional_places(Source *src, TokenList *tl, Coroutine *co);
/* The branch a token stands in (NULL: none), and whether two branches
 * never both hold. */
const CondBranch *guard_of(const Coroutine *co, int tok);
bool guards_exclusive(const CondBranch *a, const CondBranch *b);
/* Does every configuration that reaches a use in branch 'use' declare
 * what branch 'decl' declares (the use is in that branch, or in one of the
 * same condition written again)? */
bool guard_covers(const Source *src, const TokenList *tl, const CondBranch *decl,
                  const CondBranch *use);
/* The branches of n declarations of one name: when they hold one in each
 * branch of a group that has an #else, the group's own guard (every
 * configuration declares the name); else gs[0]. */
const CondBranch *union_guard(const Source *src, const TokenList *tl, const CondBranch **gs,
                              int n);
/* Write the directives that go from the branch *cur to want (NULL: no
 * conditional open); *cur becomes want. */
int guard_open_nested(Buf *b, const Source *src, const TokenList *tl, const CondBranch *here,
                      const CondBranch *want);
void guard_switch(Buf *b, const Source *src, const TokenList *tl, const CondBranch **cur,
                  const CondBranch *want);
/* The guard of each resume point, by number (NULL if no conditionals). */
const CondBranch **suspension_guards(const Coroutine *co);

/* token text helpers */
static inline const char *tok_text(const Source *s, const Token *t)
{
    return s->text + t->start;
}
static inline int tok_len(const Token *t) { return t->end - t->start; }

#endif
