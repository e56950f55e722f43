/*
 * coroc_gen.h - the contract between coroc's output and its runtime: the
 * frame header, the coroutine descriptor, the states, and the few calls,
 * macros and inline functions that generated code uses.  coroc's output
 * includes this header before any line of the user's file; a program
 * includes coroc.h (the user's API), which includes this one.
 *
 * Rules for this file, so that it can come before any user code or after
 * any user macro:
 *   - it includes only freestanding headers (<stddef.h>, <stdint.h>);
 *   - every identifier it declares or uses as a parameter or local starts
 *     with cy_ or CY_ (or is reserved: __x).  The one exception is the
 *     member names of cy_task and cy_desc (and cy_region's depth) that
 *     coroc's output writes today (desc, link, state, status, flags, err;
 *     name, resume, size, *_offset, *_size, *_kind, *_type): a user macro with
 *     one of those names breaks the generated code itself, header or not;
 *   - what the contract needs from the C library it gets from the runtime
 *     or from a static inline of its own (cy_memcpy, CY_ENOMEM...).
 *
 * Everything here is public so that hand-written code can build frames
 * too, but a program normally only calls the functions of coroc.h.
 */
#ifndef COROC_GEN_H
#define COROC_GEN_H

/* A preprocessed file without its macros (gcc -E -P) has <stddef.h>'s
 * declarations in its text already, but no include guard: coroc then
 * puts this header after them and defines CY_PREPROCESSED_, and only the
 * macros the contract uses are supplied here. */
#if defined(CY_PREPROCESSED_) && !defined(offsetof)
#define offsetof(cy_type, cy_member) __builtin_offsetof(cy_type, cy_member)
#ifndef NULL
#define NULL ((void *)0)
#endif
#else
#include <stddef.h>
#endif

/* The contract's fixed-width types, without <stdint.h>: that header brings
 * in the C library's <features.h>, which would settle the feature-test
 * macros (_POSIX_C_SOURCE, _GNU_SOURCE) before the file's own #defines,
 * which come after this header.  gcc and clang predefine the types. */
#if defined(__INT32_TYPE__) && defined(__UINT32_TYPE__) && defined(__UINT16_TYPE__) && \
    defined(__UINT8_TYPE__)
typedef __INT32_TYPE__ cy_i32;
typedef __UINT32_TYPE__ cy_u32;
typedef __UINT16_TYPE__ cy_u16;
typedef __UINT8_TYPE__ cy_u8;
#else
#include <stdint.h>
typedef int32_t cy_i32;
typedef uint32_t cy_u32;
typedef uint16_t cy_u16;
typedef uint8_t cy_u8;
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Branch hints for the inline fast paths (runtime-internal). */
#if defined(__GNUC__) || defined(__clang__)
#define CY_LIKELY_(cy_x) __builtin_expect(!!(cy_x), 1)
#define CY_UNLIKELY_(cy_x) __builtin_expect(!!(cy_x), 0)
#else
#define CY_LIKELY_(cy_x) (cy_x)
#define CY_UNLIKELY_(cy_x) (cy_x)
#endif

/* Marks generated helpers a program may not call (NAME__in). */
#if defined(__GNUC__) || defined(__clang__)
#define CY_MAYBE_UNUSED __attribute__((unused))
#else
#define CY_MAYBE_UNUSED
#endif

/* The errno values the contract speaks of, without <errno.h> (Linux's
 * values; task.c checks them against <errno.h> at compile time). */
#define CY_EINVAL 22
#define CY_ENOMEM 12
#define CY_ECANCELED 125
#define CY_ETIMEDOUT 110

/* memcpy for generated code, without <string.h>. */
static inline void *cy_memcpy(void *cy_dst, const void *cy_src, size_t cy_n)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_memcpy(cy_dst, cy_src, cy_n);
#else
    unsigned char *cy_d = (unsigned char *)cy_dst;
    const unsigned char *cy_s = (const unsigned char *)cy_src;
    while (cy_n--)
        *cy_d++ = *cy_s++;
    return cy_dst;
#endif
}

typedef struct cy_task cy_task;
typedef struct cy_desc cy_desc;
typedef struct cy_loop cy_loop;

/*
 * A resume function runs a frame from its current resume point to its next
 * suspension.  It returns
 *   NULL   the coroutine suspended (yield); step it again later;
 *   self   the coroutine finished: it returned (result stored in its frame)
 *          or failed (status already set to CY_ERROR, err set);
 *   other  the coroutine awaits that frame: the driver runs the child until
 *          it finishes, then resumes self (issue 4).
 */
typedef cy_task *(*cy_resume_fn)(cy_task *cy_self);

/* Task statuses: the article's NEW, RUNNING, FINISHED, ERROR, plus
 * asyncio's CANCELLED. */
enum cy_status {
    CY_NEW = 0,
    CY_RUNNING = 1,
    CY_FINISHED = 2,
    CY_ERROR = 3,
    CY_CANCELLED = 4
};

/* How a value (result, yielded value, received value) is printed. */
enum cy_kind {
    CY_KIND_VOID = 0, /* no value: printed as None */
    CY_KIND_BOOL,     /* _Bool: True / False */
    CY_KIND_CHAR,     /* char: a one-character string, quoted */
    CY_KIND_INT,      /* signed integers of 1, 2, 4 or 8 bytes */
    CY_KIND_UINT,     /* unsigned integers of 1, 2, 4 or 8 bytes */
    CY_KIND_FLOAT,    /* float, double, long double: shortest repr */
    CY_KIND_STRING,   /* char * or const char *: Python-style quoted, NULL is None */
    CY_KIND_PTR,      /* void pointers: 0x... or None for NULL */
    CY_KIND_OTHER     /* anything else (structs, other pointers): <value> */
};

/* The kind of a type, chosen at compile time.  The controlling expression
 * is never evaluated. */
#define CY_KIND_OF(CY_T) CY_KIND_OF_EXPR(*(CY_T *)0)
/* The kind of an expression's type (coroc passes a frame member). */
#define CY_KIND_OF_EXPR(cy_e) _Generic((cy_e),                             \
    _Bool: CY_KIND_BOOL,                                                  \
    char: CY_KIND_CHAR,                                                   \
    signed char: CY_KIND_INT, short: CY_KIND_INT, int: CY_KIND_INT,       \
    long: CY_KIND_INT, long long: CY_KIND_INT,                            \
    unsigned char: CY_KIND_UINT, unsigned short: CY_KIND_UINT,            \
    unsigned int: CY_KIND_UINT, unsigned long: CY_KIND_UINT,              \
    unsigned long long: CY_KIND_UINT,                                     \
    float: CY_KIND_FLOAT, double: CY_KIND_FLOAT,                          \
    long double: CY_KIND_FLOAT,                                           \
    char *: CY_KIND_STRING, const char *: CY_KIND_STRING,                 \
    void *: CY_KIND_PTR, const void *: CY_KIND_PTR,                       \
    default: CY_KIND_OTHER)

/* What the runtime knows of one coroutine; one static const per coroutine,
 * written with designated initialisers (fields may be added at the end).
 * A size of 0 means "no such value" (void result, nothing yielded, nothing
 * received). */
struct cy_desc {
    const char *name;     /* the coroutine's name, as written in the .cy */
    cy_resume_fn resume;  /* its resume function */
    size_t size;          /* sizeof its frame struct */
    size_t result_offset; /* where the result lives in the frame */
    size_t yield_offset;  /* where the last yielded value lives */
    size_t recv_offset;   /* where a sent value is stored before resuming */
    /* 32 bits: a value of 64 KiB or more is recorded as it is (a value
     * over 4 GiB is not one a coroutine can have) */
    cy_u32 result_size, yield_size, recv_size;
    cy_u8 result_kind, yield_kind, recv_kind; /* enum cy_kind */
    /* where a failed coroutine keeps its error message (a const char *),
     * 0 when its frame has no such slot */
    size_t errmsg_offset;
    /* Runtime frames only (coroc's output leaves it NULL): called by the
     * loop when a task whose innermost frame has this desc parks, with
     * that frame; 0, or a negative errno after which the task is not
     * parked but polls (it is stepped again each round). */
    int (*cy_on_park)(cy_loop *cy_lp, cy_task *cy_frame);
    /* the result and yield types as the .cy writes them ("int",
     * "const char *"), for the messages of the checked CY_RESULT and
     * CY_YIELDED (coroc.h); NULL when not known */
    const char *result_type, *yield_type;
    /* Where the coroutine stands in its .cy file (coroc writes these with
     * its #line directives; NULL and 0 under --no-line, and in runtime
     * frames): the file, as #line names it, and the line of each resume
     * point, indexed by the frame's state (cy_lines[0]: the coroutine's
     * own line, where a task that has not started stands).  cy_task_line
     * reads them; a debugger does too. */
    const char *cy_file;
    const cy_u32 *cy_lines;
    cy_u32 cy_nlines;
};

/*
 * Resuming a frame whose state is CY_STATE_CANCEL runs its cleanup (the
 * defer statements it has reached, last first) and returns the frame.
 * cy_task_cancel and cy_task_free do this for every started frame of a task,
 * innermost first; generated resume functions handle this state.
 */
#define CY_STATE_CANCEL 0xFFFFu

/* The error code of a throw: negative errno values are kept, a positive
 * value is negated (throw EIO is -EIO), 0 becomes -EINVAL. */
static inline cy_i32 cy_errcode(long cy_code)
{
    return cy_code < 0 ? (cy_i32)cy_code
         : cy_code > 0 ? (cy_i32)-cy_code : -CY_EINVAL;
}

/* The header at the start of every frame: 24 bytes on LP64.  Its fields
 * are the generated code's (and the runtime's); a program reads them
 * through cy_task_status, cy_task_error and the other calls of coroc.h. */
/* The generated code, which comes after the file's macros, names the
 * members it uses by their cy_ names (the same objects, through anonymous
 * unions): a file may define a macro named state, flags or desc. */
struct cy_task {
    union { const cy_desc *desc; const cy_desc *cy_desc_; };
    /* For a task being run (a root): its innermost frame, the one to resume
     * (itself when it awaits nothing).  For a frame being awaited: the frame
     * that awaits it. */
    cy_task *link;
    union { cy_u16 state; cy_u16 cy_state_; };  /* resume point; 0 = not started */
    cy_u8 status;  /* enum cy_status */
    union { cy_u8 flags; cy_u8 cy_flags_; };    /* CY_F_* */
    /* negative errno once ERROR; read it only then (a cancelled task's
     * error is its status): until the task fails, coroc may keep one small
     * local (or the result) of a coroutine without defer statements in
     * these 4 bytes (frame.c) */
    cy_i32 err;
};

enum {
    CY_F_HEAP = 1, /* the frame was malloc'ed by its constructor: free() it */
    CY_F_LOOP = 2, /* a loop owns the task and frees it once it is done */
    CY_F_ADOPTED = 4 /* cy_await took the task as a child: free it after */
    /* the other bits are the runtime's (0x80: a loop waits for the task) */
};

/* Where err starts in the header: what a frame skips to share err with a
 * local (frame.c).  An enumerator, so that it is computed here, before any
 * macro of the user's file (one named err) could reach it. */
enum { CY_ERR_OFFSET_ = offsetof(struct cy_task, err) };

/* Prepare a frame's header; the rest of the frame is the constructor's,
 * which copies the parameters after this call (one may share err). */
static inline void cy_task_init(cy_task *cy_t, const cy_desc *cy_d,
                                unsigned cy_flags)
{
    cy_t->desc = cy_d;
    cy_t->link = cy_t;
    cy_t->state = 0;
    cy_t->status = CY_NEW;
    cy_t->flags = (cy_u8)cy_flags;
    cy_t->err = 0;
}

/* Allocate a frame of n bytes (zeroed).  NULL when out of memory. */
void *cy_alloc(size_t);
/* The same, not zeroed: what a coroutine's constructor uses, since its
 * NAME__init writes every member the generated code reads before writing
 * it (a pool's or a caller's frame is not zeroed either).  Freed with
 * free() (cy_task_free does).  gcc and clang call malloc directly. */
void *cy_frame_alloc(size_t);
#if defined(__GNUC__) || defined(__clang__)
#define cy_frame_alloc(cy_n) __builtin_malloc(cy_n)
#endif
/* The same for a frame whose alignment exceeds malloc's (a local declared
 * _Alignas(64)): the second argument, the alignment, is a power of two.
 * Freed with free() (cy_task_free does). */
void *cy_alloc_aligned(size_t, size_t);

/* Free a task and every frame it awaits (cancelling it first when it is
 * not done); see coroc.h. */
void cy_task_free(cy_task *);
/* The message a failed task was given (throw code, "message"), or NULL. */
const char *cy_task_message(const cy_task *);

/*
 * `await EXPR` where EXPR is a task handle (cy_task *), not a call of a
 * coroutine of the same file.  The resume function of `self` stores its
 * resume point, then returns cy_await(self, t):
 *   - t is NEW and no loop owns it (a runtime wait such as cy_sleep, or a
 *     coroutine made and not scheduled): t is adopted as a child
 *     (CY_F_ADOPTED) and returned, so that the driver runs it inline;
 *   - t is done already: returns a private mark that makes the driver
 *     resume self at once, in the same step (no suspension);
 *   - t runs elsewhere (scheduled on a loop): returns a small runtime
 *     frame (a join) that the driver runs as a child: the task of `self`
 *     waits, parked, until t is done, then is scheduled again (a task
 *     stepped by hand checks again at each step instead).  Out of memory,
 *     self fails with -ENOMEM after its cleanup and is returned.
 * Once resumed, the generated code reads t's status (an ERROR or CANCELLED
 * t makes self fail in turn unless a try handles it), then calls
 * cy_await_release(t), which frees t if it was adopted.
 */
cy_task *cy_await(cy_task *cy_self, cy_task *cy_awaited);
void cy_await_release(cy_task *);

/*
 * Pools: caller-owned memory for many frames of one size (see coroc.h for
 * cy_pool_init, cy_pool_free, cy_pool_destroy).  Every coroutine NAME has
 * a constructor NAME__in(cy_pool *pool, params) that takes its frame with
 * cy_pool_get.  The fields are private.
 */
typedef struct cy_pool {
    /* private: */
    size_t cy_size;              /* one frame, rounded for alignment */
    void *cy_free;               /* frames given back */
    struct cy_pool_chunk *cy_chunks;
    char *cy_next, *cy_end;      /* the unused part of the newest chunk */
} cy_pool;
void *cy_pool_more_(cy_pool *);

static inline void *cy_pool_get(cy_pool *cy_p)
{
    void *cy_x = cy_p->cy_free;
    if (cy_x) {
        cy_p->cy_free = *(void **)cy_x;
        return cy_x;
    }
    return cy_pool_more_(cy_p);
}

static inline void cy_pool_put(cy_pool *cy_p, void *cy_x)
{
    *(void **)cy_x = cy_p->cy_free;
    cy_p->cy_free = cy_x;
}

/*
 * Regions: LIFO memory for the frames of a coroutine that awaits itself
 * (fib awaiting fib).  The outermost frame creates the region at its first
 * such await and owns it; each child frame is taken from it and given back
 * as soon as its result is read; cy_region_release frees it when called by
 * its owner (a no-op for anyone else).  The fields are private, but for
 * depth, which the generated code counts.
 */
typedef struct cy_region {
    /* private: the current chunk is [cy_base, cy_end) */
    char *cy_base, *cy_top, *cy_end;
    struct cy_region_chunk *cy_chunk, *cy_spare;
    const cy_task *cy_owner;
    /* the generated code's: recursive awaits running inline now */
    unsigned depth;
} cy_region;
cy_region *cy_region_new(cy_task *cy_owner);
void *cy_region_alloc_slow_(cy_region *, size_t);
void cy_region_pop_slow_(cy_region *);
void cy_region_free_(cy_region *);
/* Free r when self owns it (every frame that used it calls this as it
 * ends; only the owner's call frees). */
static inline void cy_region_release(cy_region *cy_r, const cy_task *cy_self)
{
    if (cy_r && cy_r->cy_owner == cy_self)
        cy_region_free_(cy_r);
}

static inline void *cy_region_alloc(cy_region *cy_r, size_t cy_n)
{
    cy_n = (cy_n + 15) & ~(size_t)15;
    if ((size_t)(cy_r->cy_end - cy_r->cy_top) >= cy_n) {
        void *cy_p = cy_r->cy_top;
        cy_r->cy_top += cy_n;
        return cy_p;
    }
    return cy_region_alloc_slow_(cy_r, cy_n);
}

/* Give back p, the last block allocated. */
static inline void cy_region_pop(cy_region *cy_r, void *cy_p)
{
    cy_r->cy_top = (char *)cy_p;
    if (cy_r->cy_top == cy_r->cy_base)
        cy_region_pop_slow_(cy_r);
}

/*
 * Inline awaits.  A resume function may run a child whose frame it knows
 * (embedded, or from its region) by calling the child's resume function
 * itself, after setting child->link to itself and the child RUNNING, as the
 * driver would; a child that finishes at once then costs a direct call.
 * When the child does not finish, the parent stores its resume point and
 * returns what one of these gives, so that the driver finds the task's
 * innermost frame as if the child had been awaited through it:
 *   the child returned NULL (it suspended):  cy_inline_suspended(child)
 *   the child returned a frame g to await:   cy_inline_awaits(child, g)
 *   the child returned CY_PARKED or CY_RESUME_TOP: that value, as is.
 * Only children that await no task handle run inline (the runtime's waits
 * find the task from its innermost frame).
 */
extern const cy_task cy_parked_, cy_resume_top_;
#define CY_PARKED ((cy_task *)&cy_parked_)
#define CY_RESUME_TOP ((cy_task *)&cy_resume_top_)
cy_task *cy_inline_suspended(cy_task *cy_child);
cy_task *cy_inline_awaits(cy_task *cy_child, cy_task *cy_g);
/* how deep recursive awaits run inline before going through the driver
 * (each level is a C call) */
#define CY_INLINE_DEPTH 48

/*
 * Small helpers that keep generated code short: each stands for a pattern
 * every await or failure would otherwise write out in full.
 */

/* Run a child inline (see above): NULL once it has finished, else what the
 * parent's resume function returns after storing its resume point. */
/* (one line of code, as cy_task_step in coroc.h: a debugger steps from
 * the parent into the child and back without stopping in this header) */
static inline cy_task *cy_run_inline(cy_task *cy_self, cy_task *cy_child, cy_resume_fn cy_resume)
{ cy_child->link = cy_self; cy_child->status = CY_RUNNING; cy_task *cy_r = cy_resume(cy_child); if (cy_r != cy_child) return cy_r == NULL ? cy_inline_suspended(cy_child) : cy_r == CY_PARKED || cy_r == CY_RESUME_TOP ? cy_r : cy_inline_awaits(cy_child, cy_r); if (cy_child->status == CY_RUNNING) cy_child->status = CY_FINISHED; cy_child->link = cy_child; return NULL; }

/* The same for a frame from a region: past CY_INLINE_DEPTH levels, the
 * child is returned as is, for the driver to run. */
static inline cy_task *cy_run_inline_in(cy_region *cy_reg, cy_task *cy_self, cy_task *cy_child,
                                        cy_resume_fn cy_resume)
{ if (cy_reg->depth >= CY_INLINE_DEPTH) return cy_child; cy_reg->depth++; cy_task *cy_r = cy_run_inline(cy_self, cy_child, cy_resume); cy_reg->depth--; return cy_r; }

/* After await h of a handle the program holds: h is the program's again
 * (cy_await marked it adopted only if it ran it as a child).  Nothing is
 * written to a task that was done already: it may be a runtime's shared
 * read-only done task (a drain with nothing to wait for). */
static inline void cy_await_unhold(cy_task *cy_t)
{
    if (cy_t->flags & CY_F_ADOPTED)
        cy_t->flags &= (cy_u8)~CY_F_ADOPTED;
}

/* Did an awaited child fail or was it cancelled? */
static inline int cy_failed(const cy_task *cy_t) { return cy_t->status >= CY_ERROR; }

/* A task's error: err once it has failed (CY_ERROR), -CY_ECANCELED once
 * it has been cancelled, else 0.  A cancellation does not write err: it
 * may reach a task while its own code runs (a task that cancels the one
 * awaiting it is cancelled in turn, and runs on to its next suspension),
 * and err may hold one of its locals or its result (frame.c). */
static inline cy_i32 cy_error_of(const cy_task *cy_t)
{
    return cy_t->status == CY_CANCELLED ? -CY_ECANCELED : cy_t->status == CY_ERROR ? cy_t->err : 0;
}

/* Fail with an error code (a negative errno). */
static inline void cy_fail(cy_task *cy_self, cy_i32 cy_code)
{
    cy_self->err = cy_code;
    cy_self->status = CY_ERROR;
}

/* Fail as the awaited child did (error or cancellation), with its message. */
static inline void cy_fail_as(cy_task *cy_self, const cy_task *cy_child, const char **cy_msg)
{
    cy_self->err = cy_error_of(cy_child);
    cy_self->status = cy_child->status;
    *cy_msg = cy_task_message(cy_child);
}

/* Where a finished task keeps its result. */
static inline const void *cy_result_of(const cy_task *cy_t)
{
    return (const char *)cy_t + cy_t->desc->result_offset;
}

/* Is the result of a finished task of the size and kind the awaiting code
 * reads?  Not when a prototype of another file says double of a coroutine
 * that returns int: the generated code then fails instead of copying. */
static inline int cy_result_fits(const cy_task *cy_t, size_t cy_size, int cy_kind)
{
    return cy_t->desc->result_size == cy_size && cy_t->desc->result_kind == cy_kind;
}

/* A frame for a recursive await, from the region of the outermost frame
 * (made on first use); NULL when out of memory. */
static inline void *cy_region_frame(cy_region **cy_reg, cy_task *cy_owner, size_t cy_size)
{
    if (!*cy_reg && !(*cy_reg = cy_region_new(cy_owner)))
        return NULL;
    return cy_region_alloc(*cy_reg, cy_size);
}

#ifdef __cplusplus
}
#endif

#endif /* COROC_GEN_H */
