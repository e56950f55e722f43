/*
 * parser.y - the grammar of a coroutine declaration: C11 (ISO/IEC 9899:2011
 * Annex A) with the GNU extensions system headers use, plus coroc's words:
 *
 *   function-specifier:  coroutine
 *                        coroutine ( type-name )
 *                        coroutine ( type-name , type-name )
 *   assignment-expression:  yield
 *                           yield assignment-expression
 *   unary-expression:       await cast-expression
 *
 * The split pass hands this parser one external declaration at a time, the
 * ones that contain the word coroutine; all other C is copied, not parsed.
 * Actions only build nodes: every node records the token range it covers,
 * so the emitter can copy the user's text and rewrite just what it must.
 *
 * A pure parser with locations (a location is a token index range); tokens
 * come from the array the scanner filled.  Typedef names are told apart
 * from identifiers with a scoped table (the classic "lexer hack").
 */
%code requires {
#include "cc.h"
/* as deep as any C compiler takes (gcc has no limit of its own): the
 * scanner stops the parse past MAX_NESTING brackets first */
#define YYMAXDEPTH 4000000
#define YYLTYPE Loc
#define YYLLOC_DEFAULT(Cur, Rhs, N)                     \
    do {                                                \
        if (N) {                                        \
            (Cur).first = YYRHSLOC(Rhs, 1).first;       \
            (Cur).last = YYRHSLOC(Rhs, N).last;         \
        } else {                                        \
            (Cur).first = YYRHSLOC(Rhs, 0).last + 1;    \
            (Cur).last = YYRHSLOC(Rhs, 0).last;         \
        }                                               \
    } while (0)
}

%code provides {
int yyparse(Parser *p);
}

%code {
#include <stdlib.h>
#include <string.h>

static int yylex(YYSTYPE *lval, YYLTYPE *lloc, Parser *p);
static void yyerror(YYLTYPE *lloc, Parser *p, const char *msg);

static void push_typedef_scope(Parser *p);
static void pop_typedef_scope(Parser *p);
static void declare_names(Parser *p, Node *decl);
static void asm_operands(Parser *p, Node *n);

static Node *mk(NodeKind kind, Loc loc) { return new_node(kind, loc.first, loc.last); }
static Node *mk1(NodeKind kind, Loc loc, Node *a)
{
    Node *n = mk(kind, loc);
    if (a)
        vec_push(&n->kids, a);
    return n;
}
static Node *mk2(NodeKind kind, Loc loc, Node *a, Node *b)
{
    Node *n = mk1(kind, loc, a);
    if (b)
        vec_push(&n->kids, b);
    return n;
}
static Node *mk3(NodeKind kind, Loc loc, Node *a, Node *b, Node *c)
{
    Node *n = mk2(kind, loc, a, b);
    if (c)
        vec_push(&n->kids, c);
    return n;
}
/* a generic node over a list of operands */
static Node *mkv(NodeKind kind, Loc loc, Vec v)
{
    Node *n = mk(kind, loc);
    n->kids = v;
    return n;
}
static Vec vec1(void *a) { Vec v = {0}; if (a) vec_push(&v, a); return v; }
static Vec vec_cat(Vec a, Vec b)
{
    for (int i = 0; i < b.len; i++)
        vec_push(&a, b.data[i]);
    return a;
}
/* Declarators build a Decl from the name outwards: the outermost
 * derivation (the first one applied to the name) decides its kind. */
static Decl *dinfo_name(int tok)
{
    Decl *d = arena_alloc(sizeof *d);
    d->kind = DK_PLAIN;
    d->name_tok = tok;
    d->top_const_tok = -1;
    return d;
}
static Decl *dinfo_abstract(void) { return dinfo_name(-1); }
/* T x[N] */
static Decl *dinfo_array(Decl *d, Node *size, bool incomplete)
{
    if (d->kind == DK_PLAIN) {
        d->kind = DK_ARRAY;
        d->incomplete_array = incomplete;
    }
    if (size)
        vec_push(&d->dkids, size);
    return d;
}
/* T x(params) */
static Decl *dinfo_func(Decl *d, Loc open, Loc close, Vec params,
                        bool is_void, bool variadic)
{
    if (d->kind == DK_PLAIN) {
        d->kind = DK_FUNC;
        d->params_open = open.first;
        d->params_close = close.first;
        d->params = params;
        d->params_void = is_void;
        d->variadic = variadic;
    }
    return d;
}
static Decl *dinfo_pointer(PInfo ptr, Decl *d)
{
    if (d->kind == DK_PLAIN) {
        d->kind = DK_POINTER;
        if (ptr.last_const_tok >= 0) {
            d->top_const = true;
            d->top_const_tok = ptr.last_const_tok;
        }
    }
    return d;
}
/* the declarator's token range and initialiser, once it is complete */
static Decl *decl_from(Decl *d, Loc loc, Node *init)
{
    d->first = loc.first;
    d->last = loc.last;
    d->init = init;
    return d;
}
}

%define api.pure full
%define parse.error custom
%locations
%parse-param { Parser *p }
%lex-param { Parser *p }
%expect 0

%union {
    Node *node;
    Decl *decl;
    PInfo pinfo;
    SInfo sinfo;
    Vec vec;
    int tok;
}

%token IDENTIFIER "identifier" TYPEDEF_NAME "type name"
%token CONSTANT "constant" STRING_LITERAL "string literal"
%token PP_LINE "preprocessor directive"
%token ELLIPSIS "..." SHR_ASSIGN ">>=" SHL_ASSIGN "<<=" ADD_ASSIGN "+="
%token SUB_ASSIGN "-=" MUL_ASSIGN "*=" DIV_ASSIGN "/=" MOD_ASSIGN "%="
%token AND_ASSIGN "&=" XOR_ASSIGN "^=" OR_ASSIGN "|="
%token SHR ">>" SHL "<<" INC "++" DEC "--" ARROW "->" ANDAND "&&" OROR "||"
%token LE "<=" GE ">=" EQ "==" NE "!=" HASHHASH "##"
%token ALIGNAS "_Alignas" ALIGNOF "_Alignof" ATOMIC "_Atomic" BOOL "_Bool"
%token COMPLEX "_Complex" GENERIC "_Generic" IMAGINARY "_Imaginary"
%token NORETURN "_Noreturn" STATIC_ASSERT "_Static_assert"
%token THREAD_LOCAL "_Thread_local" ASM "__asm__" ATTRIBUTE "__attribute__"
%token AUTO_TYPE "__auto_type" EXTENSION "__extension__" INT128 "__int128"
%token TYPEOF "typeof" AUTO "auto" BREAK "break" CASE "case" CHAR "char"
%token CONST "const" CONTINUE "continue" DEFAULT "default" DO "do"
%token DOUBLE "double" ELSE "else" ENUM "enum" EXTERN "extern"
%token FLOAT "float" FOR "for" GOTO "goto" IF "if" INLINE "inline"
%token INT "int" LONG "long" REGISTER "register" RESTRICT "restrict"
%token RETURN "return" SHORT "short" SIGNED "signed" SIZEOF "sizeof"
%token STATIC "static" STRUCT "struct" SWITCH "switch" TYPEDEF "typedef"
%token UNION "union" UNSIGNED "unsigned" VOID "void" VOLATILE "volatile"
%token WHILE "while"
%token COROUTINE "coroutine" YIELD "yield" AWAIT "await"
%token THROW "throw" TRY "try" CATCH "catch" DEFER "defer"

%precedence LOWER_THAN_ELSE
%precedence ELSE
%precedence CORO_ALONE
%precedence '('

%left OROR
%left ANDAND
%left '|'
%left '^'
%left '&'
%left EQ NE
%left '<' '>' LE GE
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'

%type <node> primary_expression postfix_expression unary_expression
%type <node> cast_expression binary_expression conditional_expression
%type <node> assignment_expression expression constant_expression
%type <node> expression_opt initializer generic_selection
%type <node> compound_statement statement labeled_statement
%type <node> expression_statement selection_statement iteration_statement
%type <node> jump_statement block_item declaration for_init asm_statement
%type <node> static_assert_declaration type_name string_seq error_statement
%type <node> typeof_specifier
%type <vec> argument_expression_list block_item_list initializer_list
%type <vec> generic_assoc_list designation designator_list designator
%type <vec> init_declarator_list parameter_list abstract_parens
%type <vec> array_size
%type <decl> init_declarator parameter_declaration
%type <decl> declarator direct_declarator abstract_declarator
%type <decl> direct_abstract_declarator
%type <pinfo> pointer
%type <sinfo> declaration_specifiers specifier_qualifier_list
%type <sinfo> storage_class_specifier type_specifier type_qualifier
%type <sinfo> function_specifier struct_or_union_specifier enum_specifier
%type <sinfo> alignment_specifier attribute coroutine_specifier
%type <sinfo> declaration_specifier specifier_qualifier
%type <tok> tag

%start external_declaration

%%

/* ---- the coroutine declaration the split pass hands over ---- */

external_declaration
    : declaration_specifiers declarator attributes_opt ';'
        { Coroutine *c = arena_alloc(sizeof *c); c->decl = $2; c->spec = $1;
          c->spec_first = @1.first; c->spec_last = @1.last;
          c->decl_first = @2.first; c->decl_last = @2.last; p->result = c; }
    | declaration_specifiers declarator attributes_opt
        { push_typedef_scope(p); }
      compound_statement
        { pop_typedef_scope(p);
          Coroutine *c = arena_alloc(sizeof *c); c->decl = $2; c->spec = $1;
          c->spec_first = @1.first; c->spec_last = @1.last;
          c->decl_first = @2.first; c->decl_last = @2.last; c->body = $5;
          p->result = c; }
    ;

/* ---- expressions (6.5) ---- */

primary_expression
    : IDENTIFIER                  { $$ = mk(N_IDENT, @$); $$->tok = @1.first; }
    | CONSTANT                    { $$ = mk(N_EXPR, @$); }
    | string_seq                  { $$ = $1; }
    | '(' expression ')'          { $$ = $2; }
    | '(' { push_typedef_scope(p); } compound_statement ')'
                                  { pop_typedef_scope(p); $$ = mk(N_STMTEXPR, @$); $$->body = $3; }
    | generic_selection           { $$ = $1; }
    ;

string_seq
    : STRING_LITERAL              { $$ = mk(N_EXPR, @$); }
    | string_seq STRING_LITERAL   { $$ = mk(N_EXPR, @$); }
    ;

generic_selection
    : GENERIC '(' assignment_expression ',' generic_assoc_list ')'
        { /* the controlling expression is not evaluated; the chosen
             association is, but which one is chosen depends on types, so
             a suspension anywhere in it is refused */
          $$ = mkv(N_UNEVAL, @$, vec_cat(vec1($3), $5)); }
    ;

generic_assoc_list
    : type_name ':' assignment_expression                        { $$ = vec_cat(vec1($1), vec1($3)); }
    | DEFAULT ':' assignment_expression                          { $$ = vec1($3); }
    | generic_assoc_list ',' type_name ':' assignment_expression { $$ = vec_cat($1, vec_cat(vec1($3), vec1($5))); }
    | generic_assoc_list ',' DEFAULT ':' assignment_expression   { $$ = $1; vec_push(&$$, $5); }
    ;

postfix_expression
    : primary_expression                               { $$ = $1; }
    | postfix_expression '[' expression ']'            { $$ = mk2(N_EXPR, @$, $1, $3); }
    | postfix_expression '(' ')'                       { $$ = mk1(N_CALL, @$, $1); }
    | postfix_expression '(' argument_expression_list ')'
                                                       { $$ = mkv(N_CALL, @$, vec_cat(vec1($1), $3)); }
    | postfix_expression '.' IDENTIFIER                { $$ = mk1(N_EXPR, @$, $1); }
    | postfix_expression '.' TYPEDEF_NAME              { $$ = mk1(N_EXPR, @$, $1); }
    | postfix_expression ARROW IDENTIFIER              { $$ = mk1(N_EXPR, @$, $1); }
    | postfix_expression ARROW TYPEDEF_NAME            { $$ = mk1(N_EXPR, @$, $1); }
    | postfix_expression INC                           { $$ = mk1(N_EXPR, @$, $1); }
    | postfix_expression DEC                           { $$ = mk1(N_EXPR, @$, $1); }
    | '(' type_name ')' '{' initializer_list '}'       { $$ = mkv(N_COMPLIT, @$, vec_cat(vec1($2), $5)); }
    | '(' type_name ')' '{' initializer_list ',' '}'   { $$ = mkv(N_COMPLIT, @$, vec_cat(vec1($2), $5)); }
    | '(' type_name ')' '{' '}'                        { $$ = mk1(N_COMPLIT, @$, $2); }
    ;

/* An argument may also be a type name, for the macros that take one
 * (va_arg, offsetof): coroc does not expand macros. */
argument_expression_list
    : assignment_expression                               { $$ = vec1($1); }
    | type_name                                           { $$ = vec1($1); }
    | argument_expression_list ',' assignment_expression  { $$ = $1; vec_push(&$$, $3); }
    | argument_expression_list ',' type_name              { $$ = $1; vec_push(&$$, $3); }
    ;

unary_expression
    : postfix_expression                  { $$ = $1; }
    | INC unary_expression                { $$ = mk1(N_EXPR, @$, $2); }
    | DEC unary_expression                { $$ = mk1(N_EXPR, @$, $2); }
    | '&' cast_expression                 { $$ = mk1(N_ADDR, @$, $2); }
    | '*' cast_expression                 { $$ = mk1(N_EXPR, @$, $2); }
    | '+' cast_expression                 { $$ = mk1(N_EXPR, @$, $2); }
    | '-' cast_expression                 { $$ = mk1(N_EXPR, @$, $2); }
    | '~' cast_expression                 { $$ = mk1(N_EXPR, @$, $2); }
    | '!' cast_expression                 { $$ = mk1(N_EXPR, @$, $2); }
    | SIZEOF unary_expression             { $$ = mk1(N_UNEVAL, @$, $2); }
    | SIZEOF '(' type_name ')'            { $$ = mk1(N_UNEVAL, @$, $3); }
    | ALIGNOF '(' type_name ')'           { $$ = mk1(N_UNEVAL, @$, $3); }
    | ALIGNOF unary_expression            { $$ = mk1(N_UNEVAL, @$, $2); /* GNU: of an expression */ }
    | ANDAND IDENTIFIER                   { $$ = mk(N_EXPR, @$); /* GNU: the address of a label */ }
    | AWAIT cast_expression               { $$ = mk1(N_AWAIT, @$, $2); $$->tok = @1.first; }
    ;

cast_expression
    : unary_expression                    { $$ = $1; }
    | '(' type_name ')' cast_expression   { $$ = mk2(N_EXPR, @$, $2, $4); }
    ;

binary_expression
    : cast_expression                               { $$ = $1; }
    | binary_expression OROR binary_expression      { $$ = mk2(N_LOGOR, @$, $1, $3); }
    | binary_expression ANDAND binary_expression    { $$ = mk2(N_LOGAND, @$, $1, $3); }
    | binary_expression '|' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '^' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '&' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression EQ binary_expression        { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression NE binary_expression        { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '<' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '>' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression LE binary_expression        { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression GE binary_expression        { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression SHL binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression SHR binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '+' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '-' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '*' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '/' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    | binary_expression '%' binary_expression       { $$ = mk2(N_EXPR, @$, $1, $3); }
    ;

conditional_expression
    : binary_expression                                             { $$ = $1; }
    | binary_expression '?' expression ':' conditional_expression   { $$ = mk3(N_COND, @$, $1, $3, $5); }
    | binary_expression '?' ':' conditional_expression              { $$ = mk3(N_COND, @$, $1, NULL, $4); $$->kids.data[1] = NULL; }
    ;

assignment_expression
    : conditional_expression                                    { $$ = $1; }
    | unary_expression assignment_operator assignment_expression { $$ = mk2(N_EXPR, @$, $1, $3); }
    | YIELD                                                     { $$ = mk(N_YIELD, @$); $$->tok = @1.first; }
    | YIELD assignment_expression                               { $$ = mk1(N_YIELD, @$, $2); $$->tok = @1.first; }
    ;

assignment_operator
    : '=' | MUL_ASSIGN | DIV_ASSIGN | MOD_ASSIGN | ADD_ASSIGN | SUB_ASSIGN
    | SHL_ASSIGN | SHR_ASSIGN | AND_ASSIGN | XOR_ASSIGN | OR_ASSIGN
    ;

expression
    : assignment_expression                 { $$ = $1; }
    | expression ',' assignment_expression  { $$ = mk2(N_COMMA, @$, $1, $3); }
    ;

expression_opt
    : %empty        { $$ = NULL; }
    | expression    { $$ = $1; }
    ;

constant_expression
    : conditional_expression    { $$ = $1; }
    ;

/* ---- declarations (6.7) ---- */

declaration
    : declaration_specifiers ';'
        { $$ = mk(N_DECL, @$); $$->spec_first = @1.first; $$->spec_last = @1.last;
          $$->is_typedef = $1.is_typedef; $$->is_static = $1.is_static;
          $$->is_extern = $1.is_extern; $$->spec_has_body = $1.has_body;
          $$->spec_const = $1.is_const; $$->is_coroutine = $1.is_coroutine; $$->tok = $1.coro_tok;
          $$->enums = p->enums; memset(&p->enums, 0, sizeof p->enums); }
    | declaration_specifiers init_declarator_list ';'
        { $$ = mk(N_DECL, @$); $$->spec_first = @1.first; $$->spec_last = @1.last;
          $$->is_typedef = $1.is_typedef; $$->is_static = $1.is_static;
          $$->is_extern = $1.is_extern; $$->spec_has_body = $1.has_body;
          $$->spec_const = $1.is_const; $$->is_coroutine = $1.is_coroutine; $$->tok = $1.coro_tok;
          $$->decls = $2; $$->enums = p->enums; memset(&p->enums, 0, sizeof p->enums);
          declare_names(p, $$); }
    | static_assert_declaration   { $$ = $1; }
    ;

static_assert_declaration
    : STATIC_ASSERT '(' constant_expression ',' string_seq ')' ';'
        { $$ = mk1(N_STATIC_ASSERT, @$, $3); }
    | STATIC_ASSERT '(' constant_expression ')' ';'
        { $$ = mk1(N_STATIC_ASSERT, @$, $3); }
    ;

declaration_specifiers
    : declaration_specifier                          { $$ = $1; }
    | declaration_specifiers declaration_specifier
        { $$ = $1; $$.is_typedef |= $2.is_typedef; $$.is_static |= $2.is_static;
          $$.is_extern |= $2.is_extern; $$.has_body |= $2.has_body; $$.is_const |= $2.is_const;
          if ($2.is_coroutine) { $$.is_coroutine = true; $$.coro_tok = $2.coro_tok; $$.y = $2.y; $$.r = $2.r; } }
    ;

declaration_specifier
    : storage_class_specifier   { $$ = $1; }
    | type_specifier            { $$ = $1; }
    | type_qualifier            { $$ = $1; }
    | function_specifier        { $$ = $1; }
    | alignment_specifier       { $$ = $1; }
    | attribute                 { $$ = $1; }
    ;

storage_class_specifier
    : TYPEDEF        { memset(&$$, 0, sizeof $$); $$.is_typedef = true; }
    | EXTERN         { memset(&$$, 0, sizeof $$); $$.is_extern = true; }
    | STATIC         { memset(&$$, 0, sizeof $$); $$.is_static = true; }
    | THREAD_LOCAL   { memset(&$$, 0, sizeof $$); $$.is_static = true; }
    | AUTO           { memset(&$$, 0, sizeof $$); }
    | REGISTER       { memset(&$$, 0, sizeof $$); }
    ;

type_specifier
    : VOID { memset(&$$, 0, sizeof $$); } | CHAR { memset(&$$, 0, sizeof $$); }
    | SHORT { memset(&$$, 0, sizeof $$); } | INT { memset(&$$, 0, sizeof $$); }
    | LONG { memset(&$$, 0, sizeof $$); } | FLOAT { memset(&$$, 0, sizeof $$); }
    | DOUBLE { memset(&$$, 0, sizeof $$); } | SIGNED { memset(&$$, 0, sizeof $$); }
    | UNSIGNED { memset(&$$, 0, sizeof $$); } | BOOL { memset(&$$, 0, sizeof $$); }
    | COMPLEX { memset(&$$, 0, sizeof $$); } | IMAGINARY { memset(&$$, 0, sizeof $$); }
    | INT128 { memset(&$$, 0, sizeof $$); } | AUTO_TYPE { memset(&$$, 0, sizeof $$); }
    | ATOMIC '(' type_name ')' { memset(&$$, 0, sizeof $$); }
    | struct_or_union_specifier { $$ = $1; }
    | enum_specifier { $$ = $1; }
    | TYPEDEF_NAME { memset(&$$, 0, sizeof $$); }
    | typeof_specifier { memset(&$$, 0, sizeof $$); }
    ;

typeof_specifier
    : TYPEOF '(' expression ')'   { $$ = NULL; }
    | TYPEOF '(' type_name ')'    { $$ = NULL; }
    ;

struct_or_union_specifier
    : struct_or_union attributes_opt '{' struct_declaration_list '}'      { memset(&$$, 0, sizeof $$); $$.has_body = true; }
    | struct_or_union attributes_opt tag '{' struct_declaration_list '}'  { memset(&$$, 0, sizeof $$); $$.has_body = true; }
    | struct_or_union attributes_opt '{' '}'      { memset(&$$, 0, sizeof $$); $$.has_body = true; }
    | struct_or_union attributes_opt tag '{' '}'  { memset(&$$, 0, sizeof $$); $$.has_body = true; }
    | struct_or_union attributes_opt tag                                  { memset(&$$, 0, sizeof $$); }
    ;

tag
    : IDENTIFIER    { $$ = @1.first; }
    | TYPEDEF_NAME  { $$ = @1.first; }
    ;

struct_or_union
    : STRUCT
    | UNION
    ;

struct_declaration_list
    : struct_declaration
    | struct_declaration_list struct_declaration
    ;

struct_declaration
    : specifier_qualifier_list struct_declarator_list ';'
    | specifier_qualifier_list ';'
    | static_assert_declaration {}
    ;

specifier_qualifier_list
    : specifier_qualifier                             { $$ = $1; }
    | specifier_qualifier_list specifier_qualifier
        { $$ = $1; $$.has_body |= $2.has_body; $$.is_const |= $2.is_const; }
    ;

specifier_qualifier
    : type_specifier        { $$ = $1; }
    | type_qualifier        { $$ = $1; }
    | alignment_specifier   { $$ = $1; }
    | attribute             { $$ = $1; }
    ;

struct_declarator_list
    : struct_declarator
    | struct_declarator_list ',' struct_declarator
    ;

struct_declarator
    : declarator attributes_opt {}
    | ':' constant_expression {}
    | declarator ':' constant_expression attributes_opt {}
    ;

enum_specifier
    : ENUM attributes_opt '{' enumerator_list comma_opt '}'       { memset(&$$, 0, sizeof $$); $$.has_body = true; }
    | ENUM attributes_opt tag '{' enumerator_list comma_opt '}'   { memset(&$$, 0, sizeof $$); $$.has_body = true; }
    | ENUM attributes_opt tag                                     { memset(&$$, 0, sizeof $$); }
    ;

comma_opt
    : %empty
    | ','
    ;

enumerator_list
    : enumerator
    | enumerator_list ',' enumerator
    ;

enumerator
    : IDENTIFIER attributes_opt                             { vec_push(&p->enums, (void *)(intptr_t)@1.first); }
    | IDENTIFIER attributes_opt '=' constant_expression     { vec_push(&p->enums, (void *)(intptr_t)@1.first); }
    ;

type_qualifier
    : CONST      { memset(&$$, 0, sizeof $$); $$.is_const = true; }
    | RESTRICT   { memset(&$$, 0, sizeof $$); }
    | VOLATILE   { memset(&$$, 0, sizeof $$); }
    | ATOMIC %prec CORO_ALONE { memset(&$$, 0, sizeof $$); }
    ;

function_specifier
    : INLINE               { memset(&$$, 0, sizeof $$); }
    | NORETURN             { memset(&$$, 0, sizeof $$); }
    | coroutine_specifier  { $$ = $1; }
    ;

coroutine_specifier
    : COROUTINE %prec CORO_ALONE
        { memset(&$$, 0, sizeof $$); $$.is_coroutine = true; $$.coro_tok = @1.first;
          $$.y.first = -1; $$.r.first = -1; }
    | COROUTINE '(' type_name ')'
        { memset(&$$, 0, sizeof $$); $$.is_coroutine = true; $$.coro_tok = @1.first;
          $$.y = @3; $$.r.first = -1; }
    | COROUTINE '(' type_name ',' type_name ')'
        { memset(&$$, 0, sizeof $$); $$.is_coroutine = true; $$.coro_tok = @1.first;
          $$.y = @3; $$.r = @5; }
    ;

alignment_specifier
    : ALIGNAS '(' type_name ')'             { memset(&$$, 0, sizeof $$); }
    | ALIGNAS '(' constant_expression ')'   { memset(&$$, 0, sizeof $$); }
    ;

/* GNU attributes and asm labels: balanced token sequences, copied */
attribute
    : ATTRIBUTE '(' '(' balanced ')' ')'   { memset(&$$, 0, sizeof $$); }
    ;

attributes_opt
    : %empty
    | attributes_opt attribute {}
    | attributes_opt ASM '(' balanced ')'
    ;

balanced
    : %empty
    | balanced balanced_token
    | balanced '(' balanced ')'
    ;

balanced_token
    : IDENTIFIER | TYPEDEF_NAME | CONSTANT | STRING_LITERAL | ',' | ':'
    | CONST | VOLATILE | INT | LONG | CHAR | SHORT | UNSIGNED | SIGNED | VOID
    | SIZEOF | '+' | '-' | '*' | '/' | '&' | '|' | '<' | '>' | '[' | ']'
    | '=' | '.' | '!' | '~' | '%' | SHL | SHR | GOTO | INLINE
    ;

init_declarator_list
    : init_declarator                            { $$ = vec1($1); }
    | init_declarator_list ',' init_declarator   { $$ = $1; vec_push(&$$, $3); }
    ;

init_declarator
    : declarator attributes_opt                  { $$ = decl_from($1, @1, NULL); }
    | declarator attributes_opt '=' initializer  { $$ = decl_from($1, @1, $4); }
    ;

declarator
    : pointer direct_declarator    { $$ = dinfo_pointer($1, $2); }
    | direct_declarator            { $$ = $1; }
    ;

direct_declarator
    : IDENTIFIER                                   { $$ = dinfo_name(@1.first); }
    | '(' declarator ')'                           { $$ = $2; }
    | direct_declarator '[' array_size ']'
        { $$ = dinfo_array($1, NULL, $3.len == 0); for (int i = 0; i < $3.len; i++) vec_push(&$$->dkids, $3.data[i]); }
    | direct_declarator '(' parameter_list ')'
        { $$ = dinfo_func($1, @2, @4, $3, false, p->variadic); p->variadic = false; }
    | direct_declarator '(' ')'
        { Vec none = {0}; $$ = dinfo_func($1, @2, @3, none, false, false); }
    ;

/* what may stand between [ and ] (6.7.6) */
array_size
    : %empty                                       { $$ = vec1(NULL); $$.len = 0; }
    | assignment_expression                        { $$ = vec1($1); }
    | '*'                                          { $$ = vec1(NULL); $$.len = 0; }
    | type_qualifier_list                          { $$ = vec1(NULL); $$.len = 0; }
    | type_qualifier_list assignment_expression    { $$ = vec1($2); }
    | STATIC assignment_expression                 { $$ = vec1($2); }
    | STATIC type_qualifier_list assignment_expression { $$ = vec1($3); }
    | type_qualifier_list STATIC assignment_expression { $$ = vec1($3); }
    ;

pointer
    : '*' attributes_opt                            { $$.last_const_tok = -1; }
    | '*' attributes_opt type_qualifier_list_c      { $$.last_const_tok = p->last_const; }
    | '*' attributes_opt pointer                    { $$ = $3; }
    | '*' attributes_opt type_qualifier_list pointer { $$ = $4; }
    ;

/* a qualifier list after the last star: remember its const */
type_qualifier_list_c
    : type_qualifier_list   { }
    ;

type_qualifier_list
    : type_qualifier                       { if ($1.is_const) p->last_const = @1.first; else p->last_const = -1; }
    | type_qualifier_list type_qualifier   { if ($2.is_const) p->last_const = @2.first; }
    ;

parameter_list
    : parameter_declaration                       { $$ = vec1($1); }
    | parameter_list ',' parameter_declaration    { $$ = $1; vec_push(&$$, $3); }
    | parameter_list ',' ELLIPSIS                 { $$ = $1; p->variadic = true; }
    ;

parameter_declaration
    : declaration_specifiers declarator attributes_opt
        { $$ = decl_from($2, @2, NULL); $$->spec_first = @1.first; $$->spec_last = @1.last; $$->spec_const = $1.is_const; }
    | declaration_specifiers abstract_declarator
        { $$ = decl_from($2, @2, NULL); $$->spec_first = @1.first; $$->spec_last = @1.last; $$->spec_const = $1.is_const; }
    | declaration_specifiers
        { Decl *d = dinfo_abstract(); Loc l = { @1.last + 1, @1.last };
          $$ = decl_from(d, l, NULL); $$->spec_first = @1.first; $$->spec_last = @1.last; $$->spec_const = $1.is_const; }
    ;

type_name
    : specifier_qualifier_list                       { $$ = mk(N_TYPENAME, @$); }
    | specifier_qualifier_list abstract_declarator   { $$ = mkv(N_TYPENAME, @$, $2->dkids); }
    ;

abstract_declarator
    : pointer                                 { $$ = dinfo_pointer($1, dinfo_abstract()); }
    | direct_abstract_declarator              { $$ = $1; }
    | pointer direct_abstract_declarator      { $$ = dinfo_pointer($1, $2); }
    ;

direct_abstract_declarator
    : '(' abstract_declarator ')'                       { $$ = $2; }
    | '[' array_size ']'
        { $$ = dinfo_array(dinfo_abstract(), NULL, $2.len == 0); for (int i = 0; i < $2.len; i++) vec_push(&$$->dkids, $2.data[i]); }
    | direct_abstract_declarator '[' array_size ']'
        { $$ = dinfo_array($1, NULL, $3.len == 0); for (int i = 0; i < $3.len; i++) vec_push(&$$->dkids, $3.data[i]); }
    | abstract_parens
        { $$ = dinfo_abstract(); $$->kind = DK_FUNC; }
    | direct_abstract_declarator abstract_parens        { $$ = $1; }
    ;

abstract_parens
    : '(' ')'                   { $$ = vec1(NULL); $$.len = 0; }
    | '(' parameter_list ')'    { $$ = $2; p->variadic = false; }
    ;

initializer
    : assignment_expression             { $$ = $1; }
    | '{' initializer_list '}'          { $$ = mkv(N_INITLIST, @$, $2); }
    | '{' initializer_list ',' '}'      { $$ = mkv(N_INITLIST, @$, $2); }
    | '{' '}'                           { $$ = mk(N_INITLIST, @$); }
    ;

initializer_list
    : initializer                                     { $$ = vec1($1); }
    | designation initializer                         { $$ = vec_cat($1, vec1($2)); $$.data[$$.len - 1] = $2; $2->designated = true; }
    | initializer_list ',' initializer                { $$ = $1; vec_push(&$$, $3); }
    | initializer_list ',' designation initializer    { $$ = vec_cat($1, $3); vec_push(&$$, $4); $4->designated = true; }
    ;

designation
    : designator_list '='    { $$ = $1; }
    | IDENTIFIER ':'         { $$ = vec1(NULL); $$.len = 0; /* GNU: field: value */ }
    ;

designator_list
    : designator                     { $$ = $1; }
    | designator_list designator     { $$ = vec_cat($1, $2); }
    ;

designator
    : '[' constant_expression ']'                           { $$ = vec1($2); }
    | '[' constant_expression ELLIPSIS constant_expression ']' { $$ = vec_cat(vec1($2), vec1($4)); }
    | '.' IDENTIFIER                                        { $$ = vec1(NULL); $$.len = 0; }
    | '.' TYPEDEF_NAME                                      { $$ = vec1(NULL); $$.len = 0; }
    ;

/* ---- statements (6.8) ---- */

statement
    : labeled_statement       { $$ = $1; }
    | compound_statement      { $$ = $1; }
    | expression_statement    { $$ = $1; }
    | selection_statement     { $$ = $1; }
    | iteration_statement     { $$ = $1; }
    | jump_statement          { $$ = $1; }
    | asm_statement           { $$ = $1; }
    | error_statement         { $$ = $1; }
    ;

/* coroc's statements for failure and cleanup */
error_statement
    : THROW assignment_expression ';'
        { $$ = mk1(N_THROW, @$, $2); $$->tok = @1.first; }
    | THROW assignment_expression ',' assignment_expression ';'
        { $$ = mk2(N_THROW, @$, $2, $4); $$->tok = @1.first; }
    | TRY statement CATCH '(' { push_typedef_scope(p); } declaration_specifiers declarator ')' statement
        { pop_typedef_scope(p);
          $$ = mk(N_TRY, @$); $$->tok = @1.first; $$->body = $2; $$->els = $9;
          Decl *d = decl_from($7, @7, NULL);
          vec_push(&$$->decls, d); $$->spec_first = @6.first; $$->spec_last = @6.last; }
    | DEFER statement
        { $$ = mk(N_DEFER, @$); $$->tok = @1.first; $$->body = $2; }
    ;

labeled_statement
    : IDENTIFIER ':' statement                  { $$ = mk(N_LABEL, @$); $$->tok = @1.first; $$->body = $3; }
    | CASE constant_expression ':' statement    { $$ = mk1(N_CASE, @$, $2); $$->body = $4; }
    | CASE constant_expression ELLIPSIS constant_expression ':' statement
                                                { $$ = mk2(N_CASE, @$, $2, $4); $$->body = $6; }
    | DEFAULT ':' statement                     { $$ = mk(N_DEFAULT, @$); $$->body = $3; }
    ;

compound_statement
    : '{' { push_typedef_scope(p); } block_item_list '}'
        { pop_typedef_scope(p); $$ = mkv(N_BLOCK, @$, $3); }
    | '{' '}'
        { $$ = mk(N_BLOCK, @$); }
    ;

block_item_list
    : block_item                    { $$ = vec1($1); }
    | block_item_list block_item    { $$ = $1; vec_push(&$$, $2); }
    ;

block_item
    : declaration   { $$ = $1; }
    | statement     { $$ = $1; }
    ;

expression_statement
    : ';'               { $$ = mk(N_NULLSTMT, @$); }
    | expression ';'    { $$ = mk1(N_EXPRSTMT, @$, $1); }
    ;

selection_statement
    : IF '(' expression ')' statement ELSE statement
        { $$ = mk1(N_IF, @$, $3); $$->body = $5; $$->els = $7; }
    | IF '(' expression ')' statement %prec LOWER_THAN_ELSE
        { $$ = mk1(N_IF, @$, $3); $$->body = $5; }
    | SWITCH '(' expression ')' statement
        { $$ = mk1(N_SWITCH, @$, $3); $$->body = $5; }
    ;

iteration_statement
    : WHILE '(' expression ')' statement
        { $$ = mk1(N_WHILE, @$, $3); $$->body = $5; }
    | DO statement WHILE '(' expression ')' ';'
        { $$ = mk1(N_DO, @$, $5); $$->body = $2; }
    | FOR '(' { push_typedef_scope(p); } for_init expression_opt ';' expression_opt ')' statement
        { pop_typedef_scope(p);
          $$ = mk(N_FOR, @$); $$->init = $4; $$->cond = $5; $$->step = $7; $$->body = $9; }
    ;

for_init
    : expression_opt ';'   { $$ = $1 ? mk1(N_EXPRSTMT, @$, $1) : NULL; }
    | declaration          { $$ = $1; }
    ;

jump_statement
    : GOTO IDENTIFIER ';'          { $$ = mk(N_GOTO, @$); $$->tok = @2.first; }
    | GOTO '*' expression ';'      { $$ = mk1(N_GOTO, @$, $3); $$->tok = -1; }
    | CONTINUE ';'                 { $$ = mk(N_CONTINUE, @$); }
    | BREAK ';'                    { $$ = mk(N_BREAK, @$); }
    | RETURN ';'                   { $$ = mk(N_RETURN, @$); $$->tok = @1.first; }
    | RETURN expression ';'        { $$ = mk1(N_RETURN, @$, $2); $$->tok = @1.first; }
    ;

asm_statement
    : ASM asm_qualifiers '(' balanced ')' ';'   { $$ = mk(N_ASM, @$); asm_operands(p, $$); }
    ;

asm_qualifiers
    : %empty
    | asm_qualifiers VOLATILE
    | asm_qualifiers INLINE
    | asm_qualifiers GOTO
    ;

%%

Node *new_node(NodeKind kind, int first, int last)
{
    Node *n = arena_alloc(sizeof *n);
    n->kind = kind;
    n->first = first;
    n->last = last;
    n->tok = -1;
    return n;
}

/* The identifiers of an asm statement's operands ("=r" (x)), as N_IDENT
 * children, so that a frame local among them is rewritten like any other
 * (member names after . and -> are not identifiers of their own). */
static void asm_operands(Parser *p, Node *n)
{
    int depth = 0;
    for (int i = n->first; i <= n->last; i++) {
        int k = p->tl->toks[i].kind;
        if (k == '(')
            depth++;
        else if (k == ')')
            depth--;
        else if (k == IDENTIFIER && depth >= 2 && i > n->first &&
                 p->tl->toks[i - 1].kind != '.' && p->tl->toks[i - 1].kind != ARROW) {
            Node *id = new_node(N_IDENT, i, i);
            id->tok = i;
            vec_push(&n->kids, id);
        }
    }
}

/* ---- typedef scopes ---- */

static void push_typedef_scope(Parser *p)
{
    vec_push(&p->scopes, NULL);
}

static void pop_typedef_scope(Parser *p)
{
    /* drop the names this scope declared */
    while (p->scopes.len && p->scopes.data[p->scopes.len - 1] != NULL)
        p->scopes.len--;
    if (p->scopes.len)
        p->scopes.len--;
}

/* After a block-scope declaration: its typedef names become type names
 * for the rest of the scope (its enumerators are ordinary identifiers). */
static void declare_names(Parser *p, Node *decl)
{
    if (!decl->is_typedef)
        return;
    for (int i = 0; i < decl->decls.len; i++) {
        Decl *d = decl->decls.data[i];
        if (d->name_tok >= 0)
            vec_push(&p->scopes, &p->tl->toks[d->name_tok]);
    }
}

static bool is_local_typedef(Parser *p, const Token *t)
{
    const char *s = tok_text(p->src, t);
    int n = tok_len(t);
    for (int i = p->scopes.len - 1; i >= 0; i--) {
        const Token *u = p->scopes.data[i];
        if (u && tok_len(u) == n && memcmp(tok_text(p->src, u), s, (size_t)n) == 0)
            return true;
    }
    return false;
}

/* ---- tokens in, from the array the scanner filled ---- */

static int yylex(YYSTYPE *lval, YYLTYPE *lloc, Parser *p)
{
    (void)lval;
    for (;;) {
        if (p->pos >= p->end) {
            lloc->first = lloc->last = p->end;
            return YYEOF;
        }
        Token *t = &p->tl->toks[p->pos];
        int i = p->pos++;
        if (t->kind == PP_LINE) {
            /* directives inside a coroutine are copied where they stand;
             * every branch of a conditional is read (cond.c), but for the
             * text of #if 0, which may not be C */
            if (never_taken_if(p->src, t)) {
                int j = skip_if0(p->src, p->tl, i);
                p->pos = j < p->end ? j : p->end;
            }
            continue;
        }
        if (t->kind == EXTENSION)
            continue; /* __extension__ only silences pedantic warnings */
        lloc->first = lloc->last = i;
        /* coroc's words name members after . and -> (l->try, s.defer) */
        if ((t->kind == YIELD || t->kind == AWAIT || t->kind == THROW || t->kind == TRY ||
             t->kind == CATCH || t->kind == DEFER || t->kind == COROUTINE) &&
            p->prev_kind && (p->prev_kind == '.' || p->prev_kind == ARROW)) {
            p->prev_kind = IDENTIFIER;
            return IDENTIFIER;
        }
        p->prev_kind = t->kind;
        if (t->kind == '(' || t->kind == '[' || t->kind == '{') {
            if (++p->nesting > MAX_NESTING) {
                error_at(p->src, t->start, "nesting too deep: more than %d levels of brackets, parentheses and braces",
                         MAX_NESTING);
                lloc->first = lloc->last = p->end;
                return YYEOF;
            }
        } else if ((t->kind == ')' || t->kind == ']' || t->kind == '}') && p->nesting > 0) {
            p->nesting--;
        }
        if (t->kind == IDENTIFIER) {
            int kw = keyword_macro(p->typedefs, tok_text(p->src, t), (size_t)tok_len(t));
            if (kw)
                return kw;
        }
        if (t->kind == IDENTIFIER &&
            (is_local_typedef(p, t) ||
             nameset_has(p->typedefs, tok_text(p->src, t), (size_t)tok_len(t))))
            return TYPEDEF_NAME;
        return t->kind;
    }
}

static void yyerror(YYLTYPE *lloc, Parser *p, const char *msg)
{
    int off = lloc->first < p->end ? p->tl->toks[lloc->first].start
                                   : p->tl->toks[p->end - 1].end;
    error_at(p->src, off, "%s", msg);
}

/* "expected ';' before 'x'" in the style of gcc */
static int yyreport_syntax_error(const yypcontext_t *ctx, Parser *p)
{
    enum { MAX = 5 };
    yysymbol_kind_t expected[MAX];
    int n = yypcontext_expected_tokens(ctx, expected, MAX);
    const YYLTYPE *loc = yypcontext_location(ctx);
    char buf[512];
    size_t len = 0;
    buf[0] = 0;
    if (n > 0 && n < MAX) {
        len += (size_t)snprintf(buf + len, sizeof buf - len, "expected ");
        for (int i = 0; i < n && len < sizeof buf; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                                    i == 0 ? "" : i == n - 1 ? " or " : ", ",
                                    yysymbol_name(expected[i]));
    }
    if (loc->first >= p->end) {
        int off = p->tl->toks[p->end - 1].end, depth = 0;
        for (int i = p->first; i < p->end; i++)
            depth += p->tl->toks[i].kind == '{' ? 1 : p->tl->toks[i].kind == '}' ? -1 : 0;
        if (depth > 0)
            error_at(p->src, off, "expected '}' at end of input");
        else
            error_at(p->src, off, "%s at end of input", len ? buf : "unexpected end of input");
        return 0;
    }
    const Token *t = &p->tl->toks[loc->first];
    int tl = tok_len(t);
    if (t->kind == PP_LINE || tl > 40)
        tl = 40;
    if (len)
        error_at(p->src, t->start, "%s before '%.*s'", buf, tl, tok_text(p->src, t));
    else
        error_at(p->src, t->start, "unexpected '%.*s'", tl, tok_text(p->src, t));
    return 0;
}

Coroutine *parse_coroutine(Source *src, TokenList *tl, NameSet *typedefs,
                           int first, int end)
{
    Parser p = { .src = src, .tl = tl, .typedefs = typedefs, .pos = first,
                 .first = first, .end = end, .last_const = -1 };
    int errors = error_count;
    if (yyparse(&p) != 0 || error_count != errors || !p.result)
        return NULL;
    p.result->enums = p.enums;
    p.result->first = first;
    return p.result;
}
