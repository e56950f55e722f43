/*
 * main.c - the coroc driver: options, then the passes in order.
 *
 *   coroc [options] input.cy -o output.c
 */
#include "cc.h"
#include "depfile.h"
#include "parser.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef COROC_VERSION
#define COROC_VERSION "0.1.0"
#endif

static void usage(FILE *out)
{
    fputs("usage: coroc [options] INPUT.cy -o OUTPUT.c\n"
          "\n"
          "Translate C with coroutines (coroutine, yield, await) into plain C\n"
          "that links against the coroc runtime (coroc.h, -lcoroc).\n"
          "\n"
          "options:\n"
          "  -o FILE        write the C output to FILE ('-' for standard output)\n"
          "  -I DIR, -D NAME[=VALUE], -U NAME\n"
          "                 passed to the C preprocessor that coroc runs over the\n"
          "                 file's #include lines to learn the typedef names of headers\n"
          "  --cpp=CMD      the preprocessor command (default: $CC -E, else cc -E)\n"
          "  --no-cpp       do not run the preprocessor; only the file's own\n"
          "                 typedefs are known\n"
          "  --no-line      emit no #line directives\n"
          "  --frames       print each coroutine's frame size and members on stderr\n"
          "  -fmax-errors=N show at most N errors (default 50; 0: all of them)\n"
          "  -MD, -MMD      also write a make rule listing the files read (the input\n"
          "                 and its headers; -MMD: no system headers) to OUTPUT.c.d\n"
          "  -MF FILE       write that rule to FILE instead\n"
          "  -MT TARGET, -MQ TARGET\n"
          "                 the rule's target (default OUTPUT.c; -MQ quotes it for make)\n"
          "  -MP            add a phony rule for each header\n"
          "  --help         print this help and exit\n"
          "  --version      print the version and exit\n"
          "\n"
          "Exit status: 0 on success, 1 on errors in the input, 2 on bad usage.\n",
          out);
}

static void usage_error(const char *fmt, const char *arg)
{
    fputs("coroc: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'coroc --help' for more information.\n", stderr);
    arena_free_all();
    exit(2);
}

static void parse_args(int argc, char **argv, Options *opt)
{
    int dep;
    static char default_cpp[256];
    const char *cc = getenv("CC");
    snprintf(default_cpp, sizeof default_cpp, "%s -E",
             cc && *cc && strlen(cc) < 200 ? cc : "cc");
    opt->cpp = default_cpp;
    opt->line_directives = true;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--version")) {
            printf("coroc %s\n", COROC_VERSION);
            exit(0);
        } else if (!strcmp(a, "-o")) {
            if (i + 1 >= argc)
                usage_error("option '%s' needs a file name", a);
            if (opt->output)
                usage_error("%s", "more than one -o option");
            opt->output = argv[++i];
        } else if (!strncmp(a, "-o", 2)) {
            if (opt->output)
                usage_error("%s", "more than one -o option");
            opt->output = a + 2;
        } else if (!strcmp(a, "-I") || !strcmp(a, "-D") || !strcmp(a, "-U")) {
            if (i + 1 >= argc)
                usage_error("option '%s' needs an argument", a);
            vec_push(&opt->cpp_args, arena_printf("%s%s", a, argv[++i]));
        } else if (!strncmp(a, "-I", 2) || !strncmp(a, "-D", 2) || !strncmp(a, "-U", 2)) {
            vec_push(&opt->cpp_args, a);
        } else if (!strncmp(a, "--cpp=", 6)) {
            opt->cpp = a + 6;
        } else if (!strncmp(a, "-fmax-errors=", 13)) {
            char *end;
            long n = strtol(a + 13, &end, 10);
            if (!a[13] || *end || n < 0 || n > 1000000)
                usage_error("'%s': the limit must be a number from 0 (no limit)", a);
            max_errors = (int)n;
        } else if (!strcmp(a, "--no-cpp")) {
            opt->no_cpp = true;
        } else if (!strcmp(a, "--no-line")) {
            opt->line_directives = false;
        } else if (!strcmp(a, "--frames")) {
            opt->frames_report = true;
        } else if ((dep = depfile_option(&opt->dep, argc, argv, &i)) != 0) {
            if (dep < 0)
                usage_error("option '%s' needs an argument", a);
        } else if (a[0] == '-' && a[1] != 0) {
            usage_error("unknown option '%s'", a);
        } else {
            if (opt->input)
                usage_error("%s", "more than one input file");
            opt->input = a;
        }
    }
    if (!opt->input)
        usage_error("%s", "no input file");
    if (!opt->output)
        usage_error("%s", "no output file (use -o FILE, or -o - for standard output)");
    if (same_file(opt->input, opt->output))
        usage_error("the output '%s' is the input file: coroc would overwrite its source", opt->output);
    const char *dep_error = depfile_check(opt->dep, opt->output);
    if (dep_error)
        usage_error("%s", dep_error);
}

static bool read_file(const char *name, Source *src)
{
    FILE *f = !strcmp(name, "-") ? stdin : fopen(name, "rb");
    if (!f) {
        fprintf(stderr, "coroc: error: cannot open '%s': %s\n", name, strerror(errno));
        return false;
    }
    size_t cap = 1 << 16, len = 0, n;
    char *buf = arena_alloc(cap);
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *nb = arena_alloc(cap * 2);
            memcpy(nb, buf, len);
            buf = nb;
            cap *= 2;
        }
    }
    bool bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (bad) {
        fprintf(stderr, "coroc: error: cannot read '%s': %s\n", name, strerror(errno));
        return false;
    }
    if (memchr(buf, 0, len)) {
        fprintf(stderr, "coroc: error: '%s' is not a text file (it contains a NUL byte)\n", name);
        return false;
    }
    buf[len] = 0;
    src->name = name;
    src->text = buf;
    src->len = len;
    return true;
}

/* On an error nothing is written: the output (and a depfile) appear only
 * once a run succeeds, so a failed run leaves whatever -o named as it was. */
static int fail(const Options *opt)
{
    (void)opt;
    arena_free_all();
    return 1;
}

/* typedefs: the compilers' and the runtime's, the file's, its headers' */
static NameSet *learn_typedefs(const Options *opt, Source *src, TokenList *tl)
{
    NameSet *typedefs = nameset_new();
    add_builtin_typedefs(typedefs);
    collect_typedefs(src, tl, typedefs);
    if (!opt->no_cpp && !collect_header_typedefs(opt, src, tl, typedefs))
        return NULL;
    if (opt->no_cpp)
        learn_macros(src, tl, NULL, typedefs);
    return typedefs;
}

/* The name a coroutine piece that did not parse was to declare: the last
 * identifier before the parameter list (after coroutine(...), if any). */
static char *unparsed_name(const Source *src, const TokenList *tl, const Piece *p)
{
    int last = -1;
    for (int i = p->first; i < p->end; i++) {
        int k = tl->toks[i].kind;
        if (k == COROUTINE && i + 1 < p->end && tl->toks[i + 1].kind == '(') {
            int d = 0;
            for (i++; i < p->end; i++)
                if (tl->toks[i].kind == '(')
                    d++;
                else if (tl->toks[i].kind == ')' && --d == 0)
                    break;
        } else if (k == IDENTIFIER) {
            last = i;
        } else if (k == '(' && last >= 0) {
            break;
        }
    }
    if (last < 0)
        return NULL;
    return arena_strndup(tok_text(src, &tl->toks[last]), (size_t)tok_len(&tl->toks[last]));
}

/* parse: each piece that declares a coroutine; the names of those that
 * do not parse are kept, so that the analysis of the others does not
 * report them as unknown */
static void parse_pieces(Source *src, TokenList *tl, NameSet *typedefs, Vec *pieces,
                         Vec *coros, Vec *funcs)
{
    for (int i = 0; i < pieces->len; i++) {
        Piece *p = pieces->data[i];
        if (p->kind != P_CORO && p->kind != P_FUNC)
            continue;
        /* conditionals in the body: whole statements in each branch */
        Conds *conds = scan_conditionals(src, tl, p->first, p->end);
        if (!conds)
            continue;
        p->coro = parse_coroutine(src, tl, typedefs, p->first, p->end);
        if (p->coro && p->kind == P_FUNC)
            p->coro->plain = true;
        if (p->coro) {
            p->coro->conds = conds;
            if (!check_conditional_places(src, tl, p->coro))
                continue;
            vec_push(p->kind == P_FUNC ? funcs : coros, p->coro);
        } else if (p->kind == P_CORO) {
            char *name = unparsed_name(src, tl, p);
            if (name)
                vec_push(&unparsed_coroutines, name);
        }
    }
}

/* Where each coroutine of the file is declared, and for a definition the
 * prototype a header gives it (emit.c checks that the two agree). */
static void match_prototypes(const Source *src, const TokenList *tl, Vec *coros)
{
    for (int i = 0; i < coros->len; i++) {
        Coroutine *co = coros->data[i];
        if (co->from_header || !co->name)
            continue;
        int line, col;
        source_pos(src, tl->toks[co->name_tok].start, &line, &col);
        co->where = arena_printf("%s:%d", src->name, line);
        if (!co->body)
            continue;
        for (int k = 0; k < coros->len; k++) {
            Coroutine *p = coros->data[k];
            if (!p->body && p->name && co->name && !strcmp(p->name, co->name))
                p->defined_here = true;
        }
        for (int k = 0; k < coros->len; k++) {
            Coroutine *h = coros->data[k];
            if (h->from_header && h->name && co->name && !strcmp(h->name, co->name)) {
                co->header_proto = h;
                break;
            }
        }
    }
}

static int run(int argc, char **argv)
{
    Options opt = {0};
    parse_args(argc, argv, &opt);
    Source src = {0};
    TokenList tl = {0};
    if (!read_file(opt.input, &src))
        return fail(&opt);
    source_index_lines(&src);
    if (!lex_source(&src, &tl))                                    /* lex */
        return fail(&opt);
    NameSet *typedefs = learn_typedefs(&opt, &src, &tl);           /* typedefs */
    if (!typedefs)
        return fail(&opt);
    Vec pieces = {0}, coros = {0}, funcs = {0};
    split_file(&src, &tl, &pieces);                                /* split */
    if (!error_count && !expand_macros(&opt, &src, &tl, typedefs, &pieces)) /* macros */
        return fail(&opt);
    parse_pieces(&src, &tl, typedefs, &pieces, &coros, &funcs);    /* parse */
    /* the headers' coroutine prototypes come after the file's own, which
     * an await finds first */
    if (!opt.no_cpp)
        collect_header_coroutines(typedefs, &coros);
    scan_plain_text(&src, &tl, &pieces, NULL);
    /* the coroutines that parsed are analysed even when others did not:
     * one run reports the errors of both passes */
    for (int i = 0; i < coros.len; i++)                            /* analyze */
        if (!((Coroutine *)coros.data[i])->from_header)
            analyze_coroutine(&src, &tl, typedefs, coros.data[i], &coros);
    for (int i = 0; i < funcs.len; i++)
        analyze_function(&src, &tl, typedefs, funcs.data[i]);
    match_prototypes(&src, &tl, &coros);
    scan_plain_text(&src, &tl, &pieces, &coros);
    if (error_count)
        return fail(&opt);
    decide_inline(&coros);
    for (int i = 0; i < coros.len; i++) {                          /* lower */
        Coroutine *co = coros.data[i];
        if (co->body)
            co->lowered = lower_coroutine(&opt, &src, &tl, co);
    }
    for (int i = 0; i < funcs.len; i++) {
        Coroutine *fn = funcs.data[i];
        if (fn->body)
            fn->lowered = lower_function(&opt, &src, &tl, fn);
    }
    for (int i = 0; i < coros.len; i++) {                          /* layout */
        Coroutine *co = coros.data[i];
        if (co->body)
            co->layout = layout_coroutine(&src, &tl, co);
    }
    if (error_count)
        return fail(&opt);
    size_t len;
    char *out = emit_file(&opt, &src, &tl, &pieces, &len);         /* emit */
    if (opt.frames_report)
        report_frames(stderr, &src, &tl, &coros);
    const char *dep_name;
    size_t dep_len;
    char *dep = depfile_render(opt.dep, opt.input, opt.output, &dep_name, &dep_len);
    bool ok = (!dep || write_output(dep_name, dep, dep_len)) &&
              write_output(opt.output, out, len);
    free(out);
    arena_free_all();
    return ok ? 0 : 1;
}

/* The passes recurse over the tree, one level per nested statement or
 * bracket (up to MAX_NESTING): they run on a thread with a stack large
 * enough for that (address space only; the pages used are what counts). */
enum { PASS_STACK = 1 << 30 };

struct run_args {
    int argc;
    char **argv;
    int status;
};

static void *run_thread(void *p)
{
    struct run_args *a = p;
    a->status = run(a->argc, a->argv);
    return NULL;
}

int main(int argc, char **argv)
{
    struct run_args a = { argc, argv, 1 };
    pthread_attr_t attr;
    pthread_t th;
    if (pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, PASS_STACK) == 0 &&
        pthread_create(&th, &attr, run_thread, &a) == 0) {
        pthread_join(th, NULL);
        pthread_attr_destroy(&attr);
        return a.status;
    }
    /* no thread: run here, with the stack the system gave */
    return run(argc, argv);
}
