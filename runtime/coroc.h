/*
 * coroc.h - the runtime of the coroc coroutine compiler.
 *
 * Every public name starts with cy_ (functions, types) or CY_ (macros,
 * constants).  Identifiers starting with cy_ are reserved for coroc and its
 * runtime inside .cy files.
 *
 * Two halves:
 *   - the task: a coroutine frame (a struct whose first member is a cy_task)
 *     that can be stepped to its next suspension, sent a value, asked for its
 *     result, printed and freed;
 *   - the loop: a FIFO of ready tasks, timers and tasks waiting for other
 *     tasks, run until empty or until one task completes, in the spirit of
 *     the article's Loop class and asyncio (sleep, wait, gather, wait_for,
 *     ensure_future, cancel).
 *
 * Errors are negative errno values.  Nothing here keeps global state: all
 * state lives in tasks and loops, which the caller owns.
 *
 * The generated-code contract (the frame header, cy_desc, the states and
 * the calls coroc's output makes) is coroc_gen.h, which this header
 * includes; it is public so that hand-written code can build frames too,
 * but a user normally only calls the functions here.
 *
 * Private fields.  The structs a program declares (cy_loop, cy_pool,
 * cy_region, cy_lock, cy_sem, cy_event, cy_future) have only private
 * fields, kept in the CY_*_PRIVATE_FIELDS macros below (or marked
 * "private:" in coroc_gen.h): their names and layout may change in any
 * version.  Use the functions.
 */
#ifndef COROC_H
#define COROC_H

#include "coroc_gen.h"

/* Freestanding headers only: coroc puts this header before every line of
 * a .cy file that uses the runtime, so it must neither settle the C
 * library's feature-test macros (<stdint.h>, <stdio.h> ... bring in
 * <features.h>) nor declare anything a file may declare itself (printf,
 * strlen); and the user's macros, all defined after it, cannot reach it.
 * The errors it speaks of are negative <errno.h> values: include that
 * header to name them (coroc's output does where the file names one).
 * coroc_gen.h has <stddef.h> (or, in a preprocessed file without its
 * macros, what of it the runtime needs). */

#if defined(__INT64_TYPE__) && defined(__UINT64_TYPE__)
typedef __INT64_TYPE__ cy_i64;
typedef __UINT64_TYPE__ cy_u64;
#else
#include <stdint.h>
typedef int64_t cy_i64;
typedef uint64_t cy_u64;
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define CY_VERSION "0.2.0"

/*
 * A coroutine prototype in a header that .cy files and plain .c files both
 * include, written once:
 *     CY_COROUTINE(int) add_slowly(int a, int b);
 *     CY_GENERATOR(void, int) count(int n);            coroutine(int) void
 *     CY_GENERATOR(double, double, double) averager(void);
 * A C compiler reads the constructor's prototype, cy_task *add_slowly(int
 * a, int b); coroc, whose preprocessor run over a .cy's headers defines
 * __COROC__, reads the coroutine's (coroutine int add_slowly(int a, int
 * b)), so that an await of it in a .cy has its result type.  The header
 * must include coroc.h itself.
 */
#ifdef __COROC__
#define CY_COROUTINE(CY_R) coroutine CY_R
#define CY_GENERATOR(CY_R, ...) coroutine(__VA_ARGS__) CY_R
#else
#define CY_COROUTINE(CY_R) cy_task *
#define CY_GENERATOR(CY_R, ...) cy_task *
#endif

/*
 * Pools: caller-owned memory for many frames of one size, with no header
 * per frame and no malloc per task once warm.  Every coroutine NAME also
 * has a constructor NAME__in(cy_pool *pool, params) that takes its frame
 * from a pool made with cy_pool_init(&pool, sizeof(struct NAME__frame)).
 * Give such a task back with cy_pool_free(pool, t) (not cy_task_free, which
 * would leave the frame in no list), and never schedule it on a loop that
 * frees what it owns.  cy_pool_destroy frees every chunk at once.  The
 * struct (coroc_gen.h) is private.
 */
void cy_pool_init(cy_pool *p, size_t frame_size);
void cy_pool_free(cy_pool *p, cy_task *t);
void cy_pool_destroy(cy_pool *p);
#if !defined(CY_NO_INLINE_FREE)
/* Its common case inline, as cy_task_free's (below): a done task standing
 * alone with no flag goes back on the free list; anything else, and
 * (cy_pool_free)(p, t), is the function.  One line, as cy_task_step. */
static inline void cy_pool_free_inline_(cy_pool *cy_p, cy_task *cy_t)
{ if (CY_LIKELY_(cy_t && cy_t->status >= CY_FINISHED && !cy_t->flags && cy_t->link == cy_t)) cy_pool_put(cy_p, cy_t); else (cy_pool_free)(cy_p, cy_t); }
#define cy_pool_free(cy_p, cy_t) cy_pool_free_inline_(cy_p, cy_t)
#endif

/* ------------------------------------------------------------------------
 * Tasks
 * ---------------------------------------------------------------------- */

/*
 * The few functions a driver calls once per step are defined inline below
 * (C99/C11 inline: the runtime's task.c holds their external definitions,
 * so taking their address or compiling without optimisation works too).
 */

/* The rest of a step after the innermost frame f of root t returned r,
 * neither NULL nor (f == t ? t : nothing): an await or a child's end.
 * Internal to cy_task_step. */
int cy_task_step_more_(cy_task *t, cy_task *f, cy_task *r);

/*
 * Run a task to its next suspension: the article's next(task) / task.run().
 * Returns 1 if the task suspended (step it again), 0 if it is now done
 * (FINISHED, ERROR or CANCELLED), -EINVAL if it was already done or t is
 * NULL.  An awaited frame runs in the same step as its parent, and its
 * parent resumes in the same step once it is done (FINISHED or ERROR).
 */
/* One line of code, so that a debugger's `step` from the driver stops
 * here once, then enters the coroutine, and that stepping out of the
 * coroutine goes on to the driver's next line, not through this header
 * (docs/debugging.md).  In order: a NULL task; f, the innermost frame,
 * and its resume function, read before any store (a driver's loop can
 * keep them from the previous step; CY_YIELDED reads the same fields); a
 * suspended task is RUNNING already (no store), else this is its first
 * step, or it is done; then what the resume returned: NULL, suspended
 * (1); the root itself, it finished or failed (its resume set CY_ERROR,
 * or CY_CANCELLED when a task it awaited was cancelled) (0); else an
 * await or a child's end. */
inline int cy_task_step(cy_task *t)
{ if (!t) return -CY_EINVAL; cy_task *f = t->link; cy_resume_fn resume = f->desc->resume; if (CY_UNLIKELY_(t->status != CY_RUNNING)) { if (t->status >= CY_FINISHED) return -CY_EINVAL; t->status = CY_RUNNING; } cy_task *r = resume(f); if (CY_LIKELY_(r == NULL)) return 1; if (r == t && f == t) { if (CY_LIKELY_(t->status == CY_RUNNING)) t->status = CY_FINISHED; return 0; } return cy_task_step_more_(t, f, r); }

/*
 * coro.send(value): store value (size bytes, which must equal the receive
 * type's size) where the innermost frame's yield expression will read it,
 * then step.  Returns as cy_task_step, or -EINVAL when the coroutine
 * receives nothing or size is wrong.  Sending into a NEW task starts it
 * (the value is then dropped, as Python requires None there).
 */
int cy_task_send(cy_task *t, const void *value, size_t size);
/* (T[1]){ v }: element 0 is v, whatever T is (for a struct, (T){ v }
 * would initialise its first member) */
#define CY_SEND(t, T, v) cy_task_send((t), (T[1]){ (v) }, sizeof(T))

/* The value the innermost frame yielded last, or NULL if it yields none
 * or its last yield was a bare `yield;` (no value: Python's None). */
inline const void *cy_task_yielded(const cy_task *t)
{
    const cy_task *f = t->link;
    /* a frame that yields has its value after the header, so offset 0
     * means none (no yield type, or a bare yield's descriptor); one load
     * serves the test and the address */
    size_t off = f->desc->yield_offset;
    if (off == 0)
        return NULL;
    return (const char *)f + off;
}
/* CY_YIELDED and CY_RESULT read a copy: their pointer cast leaves out
 * const so that T may itself be const-qualified (const char *) without a
 * duplicate-qualifier warning; do not write through them. */
#if defined(NDEBUG) || defined(__cplusplus) /* C++ has no _Generic */
/* Unchecked, the read itself: no test of the offset.  A read where
 * cy_task_yielded answers NULL was undefined already (gcc -O2 had dropped
 * that test anyway, and read at offset 0), so nothing a correct program
 * does changes; two instructions fewer a step (docs/performance.md). */
static inline const void *cy_yielded_at_(const cy_task *cy_t)
{ const cy_task *cy_f = cy_t->link; return (const char *)cy_f + cy_f->desc->yield_offset; }
#define CY_YIELDED(t, T) (*(T *)cy_yielded_at_(t))
#else
/* Without NDEBUG, CY_YIELDED and CY_RESULT check what they read: a task
 * that has not started (CY_YIELDED) or not finished (CY_RESULT), a
 * coroutine that yields or returns nothing, or a value of another size or
 * kind than T (a char generator read as double) aborts the program with a
 * message naming the task, the macro's file and line and both types.
 * Integers of one size may be read as one another, and pointers too. */
const void *cy_task_yielded_checked_(const cy_task *t, size_t size, int kind,
                                     const char *expr, const char *type,
                                     const char *file, int line);
const void *cy_task_result_checked_(const cy_task *t, size_t size, int kind,
                                    const char *expr, const char *type,
                                    const char *file, int line);
/* (one line each: scripts/exports.sh reads this header without joining
 * continued lines) */
/* the check's common case inline: started, and the innermost frame's
 * last value of exactly T's size and kind; anything else is the full
 * check (one line, as cy_task_step) */
static inline const void *cy_task_yielded_check_(const cy_task *cy_t, size_t cy_size, int cy_kind, const char *cy_expr, const char *cy_type, const char *cy_file, int cy_line)
{ if (CY_LIKELY_(cy_t && cy_t->status != CY_NEW)) { const cy_task *cy_f = cy_t->link; const cy_desc *cy_d = cy_f->desc; if (CY_LIKELY_(cy_d->yield_offset != 0 && cy_d->yield_size == cy_size && cy_d->yield_kind == cy_kind)) return (const char *)cy_f + cy_d->yield_offset; } return cy_task_yielded_checked_(cy_t, cy_size, cy_kind, cy_expr, cy_type, cy_file, cy_line); }
#define CY_YIELDED(t, T) (*(T *)cy_task_yielded_check_((t), sizeof(T), CY_KIND_OF(T), #t, #T, __FILE__, __LINE__))
#endif

/*
 * The typed stepper: CY_NEXT(NAME, t, &v) steps t, a task of the coroutine
 * NAME of this file, as cy_task_step does, and stores the value it yielded
 * in v (whose type must be NAME's yield type: another type of another
 * size does not compile, one of the same size is a diagnostic).  It
 * returns 1 (suspended, v written), 2 (suspended with no value for v: a
 * bare `yield;`, or an awaited frame of another yield type suspended), 0
 * (now done) or -EINVAL (as cy_task_step).  While t runs alone (it awaits
 * nothing) and is RUNNING, the step is a direct call of NAME__resume and
 * the value is read at its known offset in struct NAME__frame: no
 * descriptor load, no indirect call, and the compiler may inline the
 * resume function into the caller's loop.  Otherwise it is cy_task_step
 * and CY_YIELDED.  It names what coroc generates for NAME (NAME__resume,
 * NAME__desc, struct NAME__frame, its member cy_yield:
 * docs/generated-code.md), so it works in the .cy file that defines NAME.
 * t and out are evaluated more than once.
 */
#define CY_NEXT(NAME, t, out)                                                \
    ((void)sizeof((out) == &((struct NAME##__frame *)0)->cy_yield),          \
     cy_next_((t), NAME##__resume, &NAME##__desc, (out),                     \
              offsetof(struct NAME##__frame, cy_yield),                      \
              sizeof(char[sizeof *(out) ==                                   \
                          sizeof(((struct NAME##__frame *)0)->cy_yield)      \
                          ? 1 : -1]) * sizeof *(out)))

/* CY_NEXT's path once t has been stepped the generic way: rc is
 * cy_task_step's. */
static inline int cy_next_value_(int rc, const cy_task *t, void *out, size_t size)
{
    if (rc <= 0)
        return rc;
    const void *v = cy_task_yielded(t);
    if (!v || t->link->desc->yield_size != size)
        return 2;
    cy_memcpy(out, v, size);
    return 1;
}

static inline int cy_next_(cy_task *t, cy_resume_fn resume, const cy_desc *desc,
                           void *out, size_t off, size_t size)
{
    if (CY_LIKELY_(t && t->link == t && t->desc == desc && t->status == CY_RUNNING)) {
        cy_task *r = resume(t);
        if (CY_LIKELY_(r == NULL)) {
            /* the frame itself suspended; a bare yield switched desc */
            if (CY_UNLIKELY_(t->desc != desc))
                return 2;
            cy_memcpy(out, (const char *)t + off, size);
            return 1;
        }
        if (r == t) {
            if (t->status == CY_RUNNING)
                t->status = CY_FINISHED;
            return 0;
        }
        return cy_next_value_(cy_task_step_more_(t, t, r), t, out, size);
    }
    return cy_next_value_(cy_task_step(t), t, out, size);
}

/* The result of a FINISHED task with a non-void result, else NULL. */
inline const void *cy_task_result(const cy_task *t)
{
    if (t->status != CY_FINISHED || t->desc->result_size == 0)
        return NULL;
    return (const char *)t + t->desc->result_offset;
}
#if defined(NDEBUG) || defined(__cplusplus) /* C++ has no _Generic */
/* Unchecked, as CY_YIELDED: the value at result_offset.  A read where
 * cy_task_result answers NULL (not FINISHED, no result) was undefined
 * already; a correct program reads the same, without the two tests. */
static inline const void *cy_result_at_(const cy_task *cy_t)
{ return (const char *)cy_t + cy_t->desc->result_offset; }
#define CY_RESULT(t, T) (*(T *)cy_result_at_(t))
#else
/* the check's common case inline: FINISHED, and a result of exactly T's
 * size and kind; anything else is the full check (one line, as
 * cy_task_step) */
static inline const void *cy_task_result_check_(const cy_task *cy_t, size_t cy_size, int cy_kind, const char *cy_expr, const char *cy_type, const char *cy_file, int cy_line)
{ if (CY_LIKELY_(cy_t && cy_t->status == CY_FINISHED && cy_t->desc->result_size == cy_size && cy_t->desc->result_kind == cy_kind)) return (const char *)cy_t + cy_t->desc->result_offset; return cy_task_result_checked_(cy_t, cy_size, cy_kind, cy_expr, cy_type, cy_file, cy_line); }
#define CY_RESULT(t, T) (*(T *)cy_task_result_check_((t), sizeof(T), CY_KIND_OF(T), #t, #T, __FILE__, __LINE__))
#endif

/* enum cy_status */
inline int cy_task_status(const cy_task *t) { return t->status; }
/* FINISHED, ERROR or CANCELLED */
inline int cy_task_done(const cy_task *t) { return t->status >= CY_FINISHED; }
/* negative errno once ERROR (err), -ECANCELED once CANCELLED (a
 * cancellation writes no err: cy_error_of in coroc_gen.h), else 0 */
inline int cy_task_error(const cy_task *t) { return t->status == CY_CANCELLED ? -CY_ECANCELED : t->status == CY_ERROR ? t->err : 0; }
const char *cy_status_name(int status);     /* "NEW", "RUNNING", ... */
const char *cy_task_name(const cy_task *t); /* the coroutine's name */
/* The message a failed task was given (throw code, "message"), or NULL
 * (also in coroc_gen.h: the generated code reads it). */
const char *cy_task_message(const cy_task *t);

/*
 * Printing.  Each writes at most size bytes including the NUL, like
 * snprintf, and returns the length the full text has.
 *   cy_value_repr:  a value of the given kind and size, as Python's repr()
 *                   prints it ('Boum!', 42, 2.5, True, None).
 *   cy_task_result_repr: the task's result, or None when it has none (not
 *                   finished yet, or a void coroutine).
 *   cy_task_repr:   <Task 'tic_tac' [FINISHED] ('Boum!')>, as the article.
 */
int cy_value_repr(int kind, size_t vsize, const void *value, char *buf,
                  size_t size);
int cy_task_result_repr(const cy_task *t, char *buf, size_t size);
int cy_task_repr(const cy_task *t, char *buf, size_t size);
/* Print cy_task_repr and a newline to out, a FILE * (declared void * so
 * that this header needs no <stdio.h>); returns 0, -EIO or -ENOMEM (a repr
 * longer than 255 bytes needs a heap buffer). */
int cy_task_print(const cy_task *t, void *out);

/*
 * Where a task stands (debug.c), from the .cy line of each resume point
 * that coroc writes in the descriptor (not under --no-line).
 *   cy_task_line:  the line of the resume point where frame t is
 *                  suspended (the coroutine's own line before it starts),
 *                  its file in *file (when file is not NULL); 0 (and NULL)
 *                  for a done frame, a runtime frame or no line table.
 *   cy_task_where: "leaf at a.cy:12" ("sleep" without a position), as
 *                  snprintf; -EINVAL for NULL.
 */
unsigned cy_task_line(const cy_task *t, const char **file);
int cy_task_where(const cy_task *t, char *buf, size_t size);

/* task.cancel(): a task that is not done becomes CANCELLED with err
 * -ECANCELED; it never runs again.  Each frame it has started, innermost
 * first, is resumed once in the state CY_STATE_CANCEL (its defer
 * statements run), and the frames it awaits are freed.  A task on a loop
 * leaves its timer or wait at once and is retired by the loop at its turn
 * (done hook, free, its waiters woken).  A task must not cancel itself
 * (throw -ECANCELED instead).  Returns 0, or -EINVAL when t is NULL or
 * already done. */
int cy_task_cancel(cy_task *t);

/* Free a task and every frame it awaits.  A task that is not done is
 * cancelled first.  A task a loop still holds (scheduled, launched or
 * waited for, and not yet retired) is cancelled and left to the loop,
 * which frees it when it retires it.  NULL is ignored. */
void cy_task_free(cy_task *t);
#if (defined(__GNUC__) || defined(__clang__)) && !defined(CY_NO_INLINE_FREE)
/* Its common case inline (the call costs as much as the rest): a done
 * task that stands alone (link to itself), with no flag but CY_F_HEAP (no
 * loop, no await holds it) is all cy_task_free would free.  Anything
 * else, and (cy_task_free)(t), is the function.  The empty asm hides the
 * pointer's origin from gcc, which would otherwise warn about a frame on
 * the stack (never CY_F_HEAP, never freed).  One line, as cy_task_step. */
static inline void cy_task_free_inline_(cy_task *cy_t)
{ if (CY_LIKELY_(cy_t && cy_t->status >= CY_FINISHED && !(cy_t->flags & ~CY_F_HEAP) && cy_t->link == cy_t)) { if (cy_t->flags) { void *cy_p = cy_t; __asm__("" : "+r"(cy_p)); __builtin_free(cy_p); } } else (cy_task_free)(cy_t); }
#define cy_task_free(cy_t) cy_task_free_inline_(cy_t)
#endif

/* ------------------------------------------------------------------------
 * The loop
 * ---------------------------------------------------------------------- */

typedef void (*cy_done_fn)(cy_loop *loop, cy_task *t, void *arg);

struct cy_timer_;
struct cy_wslot_;

struct cy_iofd_;

/* The loop's fields: private (the runtime's own; they may change in any
 * version). */
#define CY_LOOP_PRIVATE_FIELDS                                              \
    /* ready queue (the ring): a circular list of blocks of slots */        \
    cy_task **rd, **rd_end;  /* the first ready task; its block's end */    \
    cy_task **wr, **wr_end;  /* where the next one goes; its block's end */ \
    cy_task **rd_stop;       /* where rd, wr may next reach an end */    \
    size_t count;    /* number of ready tasks */                            \
    size_t cap;      /* slots in all the blocks */                          \
    cy_done_fn on_done;                                                     \
    void *on_done_arg;                                                      \
    size_t parked;   /* tasks out of the ring, waiting for a timer or a     \
                        task; count + parked <= cap always */               \
    struct cy_timer_ **timers; /* min-heap of timers, by deadline */        \
    size_t ntimers, timers_cap;                                             \
    cy_u64 timer_seq;                                                       \
    struct cy_wslot_ *wslots;  /* awaited task -> its waiters (hash) */     \
    size_t wcount, wcap;                                                    \
    cy_i64 start_ns;           /* CLOCK_MONOTONIC at init */                \
    cy_i64 virtual_ns;         /* the clock, when virtual */                \
    double scale;              /* seconds per unit of time */               \
    int is_virtual;                                                         \
    /* I/O (io.c): the epoll fd + 1, made at the first I/O wait (0: none),  \
     * the waiting frames by fd, and how many frames wait */                \
    int io_epfd;                                                            \
    struct cy_iofd_ *io_fds;                                                \
    size_t io_nfds, io_waiting;                                             \
    /* streams, signals, thread pool, loop control (ext.h), made at first   \
     * use; NULL for a loop that uses none of them */                       \
    struct cy_loop_ext_ *ext;

/* Caller-owned; initialise with cy_loop_init, release with cy_loop_close.
 * No public field. */
struct cy_loop {
    CY_LOOP_PRIVATE_FIELDS
};

int cy_loop_init(cy_loop *loop);
/* Free every task the loop still owns, then the loop's own memory. */
void cy_loop_close(cy_loop *loop);

/* Loop.schedule(task): append a task to the ready queue.  The loop owns
 * it from now on and frees it once it is done (after the done hook).
 * Returns 0, -EINVAL (NULL or done task), or -ENOMEM. */
int cy_loop_schedule(cy_loop *loop, cy_task *t);

/* Called with each task the loop owns as soon as it is done, before the
 * loop frees it (the article prints it here).  NULL removes the hook. */
void cy_loop_on_done(cy_loop *loop, cy_done_fn fn, void *arg);

/* The article's Loop.run_once / run_until_empty, in turns of three
 * phases as libuv's uv_run: I/O poll (ready fds wake their tasks; when no
 * task is ready it blocks, in epoll_wait until an fd is ready or the next
 * timer is due, or asleep until the next timer), timers (those due wake
 * their tasks), ready tasks (each steps once, FIFO); until no task is
 * ready, parked, sleeping or waiting for a fd.  Returns 0, -EINVAL for a
 * NULL loop, or -EDEADLK when tasks are parked with nothing left to wake
 * them (they stay parked: cy_loop_close cancels them).
 * The loop functions are not reentrant: do not run a loop from its own
 * done hook or from a task it runs. */
int cy_loop_run(cy_loop *loop);

/* Schedule t (which stays the caller's: the loop never frees it; a
 * launched t is not queued twice) and run until it is done; other ready
 * tasks run meanwhile, and those still ready then stay queued.  A task
 * already done returns at once.  Returns 0, -EINVAL (NULL, or a task the
 * loop owns or already waits for), -ENOMEM or -EDEADLK (as cy_loop_run). */
int cy_loop_run_until_complete(cy_loop *loop, cy_task *t);

/* loop.run_until_complete(asyncio.wait(tasks)): schedule the n tasks (they
 * stay the caller's) in order and run until all of them are done.  Same
 * return values as cy_loop_run_until_complete; on error nothing was
 * scheduled. */
int cy_loop_wait(cy_loop *loop, cy_task *const *tasks, size_t n);

/*
 * asyncio.ensure_future(task): schedule t, which stays the caller's: the
 * loop runs it but never frees it nor calls the done hook for it.  Await
 * it (`await t;`), wait for it (cy_wait, cy_loop_wait,
 * cy_loop_run_until_complete) or just run the loop, then read its result
 * and free it.  Freeing it earlier cancels it (the loop frees it once it
 * retires it); cy_loop_close cancels it and leaves it to the caller.
 * Returns 0, -EINVAL (NULL, done, already on a loop), -ENOMEM.
 */
int cy_loop_launch(cy_loop *loop, cy_task *t);

/*
 * asyncio.all_tasks() and Task.print_stack() (debug.c).  The loop keeps
 * no list of its tasks (that would cost every task); these walk its ready
 * ring, its timers and its waiter table.
 *   cy_loop_all_tasks: every task the loop holds (scheduled, launched or
 *       waited for, not yet retired): the ready ones in their turn order,
 *       then the waiting ones by name and line.  *tasks is malloc'ed (the
 *       caller frees it; NULL when *n is 0).  0, -EINVAL, -ENOMEM.
 *   cy_loop_dump: writes a line "loop: N tasks, R ready, W waiting", then
 *       one line per task in that order:
 *         [RUNNING] waiting: main at app.cy:30 > mid at app.cy:19 > sleep
 *       its status, ready or waiting, and its frames from the task to the
 *       innermost one it awaits, each with where it is suspended; a task
 *       waiting for other tasks ends with their names ('worker').
 *       out is a FILE * (void * so that this header needs no <stdio.h>).
 *       0, -EINVAL, -ENOMEM, -EIO (the stream failed).
 */
int cy_loop_all_tasks(const cy_loop *loop, cy_task ***tasks, size_t *n);
int cy_loop_dump(const cy_loop *loop, void *out);

/*
 * Time.  The loop's clock counts units since cy_loop_init; a unit is one
 * second unless cy_loop_set_time_scale says otherwise (0.01: a unit lasts
 * 10 ms; a program written in seconds runs 100 times faster).  The clock
 * is CLOCK_MONOTONIC, or, once cy_loop_set_virtual_time(loop, 1), a
 * virtual clock that only moves when no task is ready, straight to the
 * next timer (tests: no waiting at all, exact times).  Set both before
 * arming timers.  Each returns 0 or -EINVAL (NULL loop, scale <= 0 or not
 * finite).
 */
int cy_loop_set_time_scale(cy_loop *loop, double seconds_per_unit);
int cy_loop_set_virtual_time(cy_loop *loop, int on);
double cy_loop_time(cy_loop *loop);

/*
 * Runtime waits.  Each returns a NEW task (NULL when out of memory) to be
 * awaited (`await cy_sleep(loop, 1);`): the awaiting task then adopts it,
 * runs it inline and frees it.  Every wait, here, below (I/O) and in the
 * synchronisation calls, says no to a bad argument the same way: it
 * returns a task already failed with -EINVAL (awaiting it fails with
 * -EINVAL at once; freeing it does nothing), never NULL, which an await
 * reports as -ENOMEM.  Bad arguments: a NULL loop, task array (with
 * n > 0), task or primitive, an unknown mode, more tasks than memory could
 * hold.  They work for tasks
 * that run on `loop` (scheduled, launched or waited for): a task that
 * waits is parked, costs nothing, and the loop wakes it; a task stepped by
 * hand instead polls (each step checks again).
 *
 *   cy_sleep      asyncio.sleep(delay): wait delay units; 0 or less (or
 *                 NaN) suspends once, as sleep(0).
 *   cy_wait       asyncio.wait(tasks, timeout, return_when): launches the
 *                 tasks not on a loop yet, then waits until the mode is
 *                 satisfied or timeout units have passed (timeout < 0:
 *                 none).  Always finishes: the caller reads each task's
 *                 status (done or pending).  Tasks are copied: the array
 *                 may be a temporary.  Being cancelled leaves the tasks be.
 *   cy_gather     asyncio.gather(*tasks): launches and waits for all; fails
 *                 with the error (and message) of the first task, in list
 *                 order, that failed (ERROR, or -ECANCELED if cancelled) as
 *                 soon as one fails.  Being cancelled cancels the tasks.
 *   cy_wait_for   asyncio.wait_for(task, timeout): launches and waits for
 *                 task; fails as it failed; after timeout units cancels it
 *                 and fails with -ETIMEDOUT.  Being cancelled cancels it.
 * Read results on the tasks afterwards (CY_RESULT): they stay the
 * caller's (wait on tasks the loop owns only if you do not read them).
 */
enum {
    CY_FIRST_COMPLETED = 0, /* asyncio.FIRST_COMPLETED */
    CY_FIRST_EXCEPTION = 1, /* asyncio.FIRST_EXCEPTION: first ERROR or
                               CANCELLED task, else all */
    CY_ALL_COMPLETED = 2    /* asyncio.ALL_COMPLETED */
};
cy_task *cy_sleep(cy_loop *loop, double delay);
cy_task *cy_wait(cy_loop *loop, cy_task *const *tasks, size_t n,
                 double timeout, int mode);
cy_task *cy_gather(cy_loop *loop, cy_task *const *tasks, size_t n);
cy_task *cy_wait_for(cy_loop *loop, cy_task *t, double timeout);

/*
 * I/O waits (io.c, Linux epoll): the selectors of the article's last part.
 * Each returns a NEW task (NULL when out of memory; a task failed with
 * -EINVAL when loop is NULL) to be awaited, as cy_sleep's:
 *
 *   await cy_readable(loop, fd);   n = read(fd, buf, sizeof buf);
 *   await cy_writable(loop, fd);   n = write(fd, buf, len);
 *
 * The awaiting task parks until fd is ready (level-triggered: readable
 * means a read would not block, which includes end of file, a hung-up
 * peer or an error; writable likewise), then goes on; it does not read
 * or write anything itself.  The loop adds fd to its epoll set (one per
 * loop, made at the first wait) at its first wait and keeps it there,
 * one-shot: each wait re-arms it with one epoll_ctl; the kernel drops it
 * when it is closed; several tasks may wait on one fd.  When no task is ready the loop
 * blocks in epoll_wait until an fd is ready or the next timer is due, and
 * cy_loop_run keeps running while I/O waits are pending.  Cancelling a
 * waiting task unregisters its wait; cy_loop_close cancels such tasks.
 * Failures make the awaiting task fail with a negative errno: -EBADF (bad
 * fd, negative ones included), -EPERM (an fd epoll cannot watch, such as
 * a regular file),
 * -ENOMEM.  A task stepped by hand polls fd (poll(2)) at each step.  Use
 * non-blocking fds (O_NONBLOCK): readiness can be spurious.
 */
cy_task *cy_readable(cy_loop *loop, int fd);
cy_task *cy_writable(cy_loop *loop, int fd);

/* ------------------------------------------------------------------------
 * Synchronisation: locks, semaphores, events, futures (sync.c)
 * ---------------------------------------------------------------------- */

/*
 * asyncio.Lock, Semaphore, BoundedSemaphore, Event and Future for the
 * tasks of a loop.  Each is a caller-owned struct (fields private): init,
 * use, destroy.  Waiting is `await`ing the task a *_acquire / *_wait call
 * returns, as with cy_sleep: the task parks until the primitive wakes it
 * (a task stepped by hand instead checks again at each step).  Waiters
 * queue FIFO in the primitive itself (the waiting frames are the queue's
 * nodes), and a release hands the lock or unit straight to the first one,
 * so a task that acquires later never overtakes a waiting one.
 *
 * The calls return a task to await, never NULL for a bad argument:
 *   - when they can succeed at once (lock free, unit available, event set,
 *     future done) the call itself takes the lock or unit and returns a
 *     task that is done already (no allocation; awaiting it does not
 *     suspend): always await what they return;
 *   - otherwise a NEW runtime frame (one allocation), NULL when out of
 *     memory (the awaiting task then fails with -ENOMEM);
 *   - for a NULL loop or primitive, a task failed with -EINVAL.
 * Cancelling a waiting task takes it out of the queue (a lock or unit
 * handed to it in the meantime goes on to the next waiter).  The loop
 * given must be the one that runs the waiting task.  destroy cancels the
 * tasks still waiting; call it when no task uses the primitive anymore.
 */
/* private: the queues of waiting frames inside each primitive */
struct cy_syncw_ { /* a waiting frame's node in a queue */
    struct cy_syncw_ *prev, *next;
    struct cy_waitq_ *q; /* the queue it is in, NULL when in none */
};
struct cy_waitq_ {
    struct cy_syncw_ *head, *tail;
};

/* asyncio.Lock.  A zeroed cy_lock is an unlocked lock.  No public field. */
#define CY_LOCK_PRIVATE_FIELDS                                              \
    struct cy_waitq_ waiters;                                               \
    int locked;
typedef struct cy_lock {
    CY_LOCK_PRIVATE_FIELDS
} cy_lock;
#define CY_LOCK_INIT { { NULL, NULL }, 0 }
int cy_lock_init(cy_lock *l);                 /* 0, -EINVAL */
void cy_lock_destroy(cy_lock *l);
/* `await cy_lock_acquire(loop, &l);` returns once the task holds it */
cy_task *cy_lock_acquire(cy_loop *loop, cy_lock *l);
int cy_lock_try_acquire(cy_lock *l);          /* 0, -EBUSY, -EINVAL */
/* Unlock, or hand the lock to the first waiter: 0, -EPERM when not
 * locked, -EINVAL */
int cy_lock_release(cy_lock *l);
int cy_lock_locked(const cy_lock *l);         /* 1 or 0 */

/* asyncio.Semaphore(value); the bounded one (BoundedSemaphore) refuses a
 * release that would take it above its initial value. */
#define CY_SEM_PRIVATE_FIELDS                                               \
    struct cy_waitq_ waiters;                                               \
    size_t value;                                                           \
    size_t bound; /* 0: none */
typedef struct cy_sem { /* no public field */
    CY_SEM_PRIVATE_FIELDS
} cy_sem;
int cy_sem_init(cy_sem *s, size_t value);          /* 0, -EINVAL */
int cy_sem_init_bounded(cy_sem *s, size_t value);  /* 0, -EINVAL */
void cy_sem_destroy(cy_sem *s);
cy_task *cy_sem_acquire(cy_loop *loop, cy_sem *s);
int cy_sem_try_acquire(cy_sem *s);             /* 0, -EAGAIN, -EINVAL */
/* Give a unit back, or hand it to the first waiter: 0, -EOVERFLOW (above
 * the bound, or SIZE_MAX), -EINVAL */
int cy_sem_release(cy_sem *s);
size_t cy_sem_value(const cy_sem *s);
int cy_sem_locked(const cy_sem *s);            /* no unit available */

/* asyncio.Event.  A zeroed cy_event is a clear event.  No public field. */
#define CY_EVENT_PRIVATE_FIELDS                                             \
    struct cy_waitq_ waiters;                                               \
    int set;
typedef struct cy_event {
    CY_EVENT_PRIVATE_FIELDS
} cy_event;
#define CY_EVENT_INIT { { NULL, NULL }, 0 }
int cy_event_init(cy_event *e);               /* 0, -EINVAL */
void cy_event_destroy(cy_event *e);
/* `await cy_event_wait(loop, &e);` returns once e is set */
cy_task *cy_event_wait(cy_loop *loop, cy_event *e);
/* Set it and wake every waiter (FIFO): 0, -EINVAL */
int cy_event_set(cy_event *e);
void cy_event_clear(cy_event *e);
int cy_event_is_set(const cy_event *e);       /* 1 or 0 */

/*
 * asyncio.Future: a value slot that tasks await until something sets it.
 * cy_future_init(&f, slot, size): the value has size bytes (0: none) and
 * lives in slot, or inside the future when slot is NULL and size is at
 * most CY_FUTURE_INLINE.  Set it once: a result (copied), an error (a
 * negative errno, a positive one is negated, as throw does; an optional
 * static message) or a cancellation.  Awaiting a future that failed makes
 * the awaiting task fail with its error and message, as a failed await
 * does; a cancelled one makes it end CANCELLED.  Read the value with
 * CY_FUTURE_RESULT once done.  The task header inside is private.
 */
#define CY_FUTURE_INLINE 32
#define CY_FUTURE_PRIVATE_FIELDS                                            \
    cy_task task;        /* the outcome, as a done task */                  \
    const char *errmsg;                                                     \
    struct cy_waitq_ waiters;                                               \
    void *slot;                                                             \
    size_t size;                                                            \
    union {                                                                 \
        unsigned char bytes[CY_FUTURE_INLINE];                              \
        long double ld;                                                     \
        void *p;                                                            \
        long long ll;                                                       \
    } value;
typedef struct cy_future { /* no public field */
    CY_FUTURE_PRIVATE_FIELDS
} cy_future;
int cy_future_init(cy_future *f, void *slot, size_t size); /* 0, -EINVAL */
void cy_future_destroy(cy_future *f);
/* `await cy_future_wait(loop, &f);` returns once f is done */
cy_task *cy_future_wait(cy_loop *loop, cy_future *f);
/* Each returns 0, or -EINVAL (NULL, done already, size not the future's) */
int cy_future_set_result(cy_future *f, const void *value, size_t size);
int cy_future_set_error(cy_future *f, int err);
int cy_future_set_error_msg(cy_future *f, int err, const char *msg);
int cy_future_cancel(cy_future *f);
#define CY_FUTURE_SET(f, T, v) cy_future_set_result((f), &(T){ (v) }, sizeof(T))
int cy_future_done(const cy_future *f);       /* 1 or 0 */
/* FINISHED, ERROR or CANCELLED once done, else RUNNING */
int cy_future_status(const cy_future *f);
/* the value once FINISHED (NULL before, or with no value) */
const void *cy_future_result(const cy_future *f);
#define CY_FUTURE_RESULT(f, T) (*(T *)cy_future_result(f))
int cy_future_error(const cy_future *f);      /* negative errno, or 0 */
const char *cy_future_message(const cy_future *f);

/* ------------------------------------------------------------------------
 * Loop control, signals, thread pool, streams, servers, queues
 * (control.c, signal.c, thread.c, stream.c, queue.c; docs/runtime.md)
 * ---------------------------------------------------------------------- */

/* loop.run_forever(): run rounds (fds, timers, ready tasks) until
 * cy_loop_stop; with nothing ready it blocks until a fd, a timer, a
 * signal or a thread-pool job wakes it.  Returns 0 once stopped,
 * -EINVAL, -ENOMEM, -EBUSY (running already), or -EDEADLK when nothing
 * is left that could ever wake it. */
int cy_loop_run_forever(cy_loop *loop);
/* loop.stop(): cy_loop_run_forever returns after the current round (a
 * stop asked while it does not run ends the next one at once). */
int cy_loop_stop(cy_loop *loop);
int cy_loop_is_running(const cy_loop *loop);
/* A done hook that sees every task the loop retires, owned or not
 * (scheduled, launched, waited for), right after it is done; the
 * runtime's own tasks (stream flushers, server tasks) excepted.
 * cy_loop_on_done's hook, for owned tasks only, runs first.  NULL
 * removes it.  0, -EINVAL, -ENOMEM. */
int cy_loop_on_finish(cy_loop *loop, cy_done_fn fn, void *arg);
/* Keep the handle of a scheduled task: the loop runs it on but no longer
 * frees it (it becomes a launched task); the program reads it (polls
 * cy_task_done) and frees it.  Call it before the loop can retire the
 * task (right after cy_loop_schedule).  0, -EINVAL (NULL, or a task the
 * program freed already). */
int cy_task_hold(cy_task *t);

/* loop.add_signal_handler(signo, fn): signo is blocked in the calling
 * thread (the loop's) and read from a signalfd in the loop's epoll set;
 * fn(loop, signo, arg) runs on the loop's thread between two steps.  A
 * second call for one signal replaces the handler.  0, -EINVAL, -ENOMEM
 * or what signalfd / epoll_ctl report.  remove returns 1 if a handler
 * was removed, 0 if none (the signal's previous mask is restored).
 * cy_signal_stop is a handler that calls cy_loop_stop: the article's
 * Ctrl-C (KeyboardInterrupt) ending run_forever. */
typedef void (*cy_signal_fn)(cy_loop *loop, int signo, void *arg);
int cy_loop_add_signal_handler(cy_loop *loop, int signo, cy_signal_fn fn,
                               void *arg);
int cy_loop_remove_signal_handler(cy_loop *loop, int signo);
void cy_signal_stop(cy_loop *loop, int signo, void *arg);

/* Thread pool: asyncio.to_thread(fn, arg) / loop.run_in_executor(ex,
 * ...).  fn(arg) runs on a worker thread while the awaiting task is
 * parked; it returns 0 or more (success) or a negative errno, which
 * makes the awaiting task fail with it.  Results go through arg.  The
 * loop is woken by an eventfd.  Each call returns a NEW task to await
 * (NULL: out of memory, or NULL loop).  Cancelling the awaiting task
 * takes a job no worker started out of the queue; one that runs goes on
 * (a thread cannot be stopped) and is forgotten when it ends: arg must
 * outlive it (cy_loop_close waits for it).  cy_to_thread uses the loop's
 * own executor, made at the first call with CY_DEFAULT_THREADS workers
 * started on demand and joined by cy_loop_close.  A task stepped by
 * hand runs fn inline. */
typedef int (*cy_work_fn)(void *arg);
typedef struct cy_executor cy_executor;
#define CY_DEFAULT_THREADS 4
cy_executor *cy_executor_new(unsigned max_threads); /* NULL: bad, no memory */
/* Runs the jobs still queued, then joins the workers. */
void cy_executor_free(cy_executor *ex);
unsigned cy_executor_threads(cy_executor *ex); /* workers started */
cy_task *cy_to_thread(cy_loop *loop, cy_work_fn fn, void *arg);
cy_task *cy_run_in_executor(cy_loop *loop, cy_executor *ex, cy_work_fn fn,
                            void *arg);

/* One loop per thread, and hand-offs between them.  A loop belongs to
 * the thread that runs it: every call above is for that thread only.
 * cy_loop_share, on the loop's thread, opens the loop to the others
 * (an eventfd in its epoll set, shared with the thread pool); from then
 * on any thread may call cy_loop_post and cy_loop_post_task, the only
 * calls of this header another thread may make on it:
 *   cy_loop_post(loop, fn, arg)  fn(loop, arg) runs on the loop's
 *                                thread, between two steps, in the
 *                                order of the posts;
 *   cy_loop_post_task(loop, t)   t (NEW, on no loop) is scheduled there
 *                                (cy_loop_schedule: the loop frees it);
 *                                out of memory there, t is freed.
 * Each returns 0, -EINVAL (no fn or t, or the loop not shared) or
 * -ENOMEM.  A loop wakes for a post while it runs cy_loop_run_forever;
 * cy_loop_run takes the posts between its rounds but returns once it has
 * no task of its own (nothing posted keeps it going).  Every post
 * must happen before cy_loop_close starts; the posts it finds queued are
 * dropped (their tasks freed, their functions not run). */
typedef void (*cy_post_fn)(cy_loop *loop, void *arg);
int cy_loop_share(cy_loop *loop);
int cy_loop_post(cy_loop *loop, cy_post_fn fn, void *arg);
int cy_loop_post_task(cy_loop *loop, cy_task *t);

/*
 * Streams: asyncio's StreamReader and StreamWriter over one non-blocking
 * fd, both halves in one cy_stream (the article's reader and writer are
 * the same handle).  Reading calls return a NEW task to await (NULL: out
 * of memory) and store the byte count in *got when they finish:
 *   cy_stream_read(s, buf, n, &got)       read(n): up to n bytes, as soon
 *                                         as some are there; 0 at EOF
 *   cy_stream_readline(s, buf, cap, &got) readline(): through '\n', or
 *                                         what is left at EOF (0: EOF)
 *   cy_stream_readuntil(s, sep, seplen, buf, cap, &got)
 *                                         readuntil(sep): through sep
 *   cy_stream_readexactly(s, buf, n, &got) readexactly(n)
 * Errors (the awaiting task fails with them): -ENODATA, EOF before sep
 * or before n bytes (IncompleteReadError: *got says how many bytes were
 * read; they are consumed); -ENOBUFS, no sep within cap bytes or the
 * limit (LimitOverrunError: nothing is consumed); -EBUSY, another task
 * reads already; the fd's error (-ECONNRESET ...).  A cancelled read
 * consumes nothing.
 * cy_stream_write buffers data (it writes at once what the fd takes, a
 * background task of the loop writes the rest) and returns 0, -ENOMEM,
 * -EPIPE once closed, or the error a previous write met.  `await
 * cy_stream_drain(s)` returns at once while the buffer holds at most the
 * high-water mark (64 KiB), else once it is down to the low-water mark
 * (16 KiB); it fails with the write error.  cy_stream_close starts
 * closing (what is buffered is written first, then the fd closed);
 * `await cy_stream_wait_closed(s)` returns once the fd is closed.
 * cy_stream_free closes the fd at once (dropping unsent data) and frees
 * the stream; a stream the program opened is the program's to free,
 * those a server hands to a handler are the server's.
 */
typedef struct cy_stream cy_stream;
/* A stream over fd, which it owns from now on (made non-blocking); NULL
 * when out of memory or fd < 0. */
cy_stream *cy_stream_new(cy_loop *loop, int fd);
cy_task *cy_stream_read(cy_stream *s, void *buf, size_t n, size_t *got);
cy_task *cy_stream_readline(cy_stream *s, void *buf, size_t cap,
                            size_t *got);
cy_task *cy_stream_readuntil(cy_stream *s, const void *sep, size_t seplen,
                             void *buf, size_t cap, size_t *got);
cy_task *cy_stream_readexactly(cy_stream *s, void *buf, size_t n,
                               size_t *got);
int cy_stream_at_eof(const cy_stream *s); /* EOF seen, buffer empty */
int cy_stream_write(cy_stream *s, const void *data, size_t n);
cy_task *cy_stream_drain(cy_stream *s);
int cy_stream_close(cy_stream *s);        /* 0, -EINVAL */
int cy_stream_is_closing(const cy_stream *s);
cy_task *cy_stream_wait_closed(cy_stream *s);
void cy_stream_free(cy_stream *s);
/* High- and low-water marks of the write buffer (low <= high); the read
 * limit (readline, readuntil).  0 or -EINVAL. */
int cy_stream_set_write_limits(cy_stream *s, size_t high, size_t low);
int cy_stream_set_limit(cy_stream *s, size_t limit);
size_t cy_stream_write_buffered(const cy_stream *s);
int cy_stream_fd(const cy_stream *s);
cy_loop *cy_stream_loop(const cy_stream *s);
/* get_extra_info('peername') as Python prints it: ('127.0.0.1', 40568),
 * ('::1', 40568, 0, 0), or the path of a Unix socket.  Like snprintf. */
int cy_stream_peername(const cy_stream *s, char *buf, size_t size);
/* The server's user data for a stream it accepted, else what was set. */
void *cy_stream_data(const cy_stream *s);
void cy_stream_set_data(cy_stream *s, void *data);

/* asyncio.open_connection(host, port): resolves host (a name such as
 * localhost, on the loop's thread pool, or a numeric IPv4 / IPv6
 * address), connects to each address in turn until one accepts, and
 * stores the new stream (the program's to free) in *out.  The task fails
 * with the last connect error (-ECONNREFUSED ...), -ENOENT when the name
 * does not resolve.  open_unix_connection(path) likewise. */
cy_task *cy_open_connection(cy_loop *loop, const char *host, int port,
                            cy_stream **out);
cy_task *cy_open_unix_connection(cy_loop *loop, const char *path,
                                 cy_stream **out);

/* asyncio.start_server(handler, host, port): listens on every address
 * of host (NULL: all interfaces; port 0: one the kernel picks, the same
 * for all) and, for each connection, runs handler(reader, writer) (both
 * the same cy_stream) in a task of its own; the stream is closed and
 * freed once that task ends.  The task returned (NEW; NULL: no memory)
 * stores the server in *out once it listens.  cy_server_close stops
 * accepting (the listening sockets are closed at once); wait_closed
 * finishes once it is closed and every handler has ended;
 * serve_forever waits until it is closed.  cy_server_free closes it,
 * cancels the handlers still running and frees it.  accept()'s EMFILE
 * and the like back the server off for 0.1 s of real time (the other
 * tasks go on).  start_unix_server(handler, path) likewise (the socket
 * file is removed on close). */
typedef cy_task *(*cy_handler_fn)(cy_stream *reader, cy_stream *writer);
typedef struct cy_server cy_server;
cy_task *cy_start_server(cy_loop *loop, cy_handler_fn handler,
                         const char *host, int port, cy_server **out);
cy_task *cy_start_unix_server(cy_loop *loop, cy_handler_fn handler,
                              const char *path, cy_server **out);
int cy_server_port(const cy_server *srv);     /* the port it listens on */
void cy_server_set_data(cy_server *srv, void *data); /* cy_stream_data */
int cy_server_close(cy_server *srv);          /* 0, -EINVAL */
int cy_server_is_serving(const cy_server *srv);
size_t cy_server_connections(const cy_server *srv); /* handlers running */
cy_task *cy_server_serve_forever(cy_server *srv);
cy_task *cy_server_wait_closed(cy_server *srv);
void cy_server_free(cy_server *srv);

/* asyncio.Queue(maxsize), LifoQueue and PriorityQueue, for the tasks of
 * a loop.  Items of item_size bytes are copied in and out; maxsize 0 is
 * unbounded; a priority queue gives the smallest item by cmp first
 * (strcmp-like; ties in no particular order).  `await cy_queue_put(loop,
 * q, &item)` waits while the queue is full (the item is copied at the
 * call), `await cy_queue_get(loop, q, &out)` while it is empty; waiters
 * are served FIFO and a cancelled one loses its turn, not an item.  Each
 * returns a NEW task (NULL: out of memory or bad argument).  The
 * _nowait calls return 0, -EAGAIN (QueueFull / QueueEmpty), -ENOMEM or
 * -EINVAL.  task_done: one item is processed (-EINVAL when called more
 * often than items were put: ValueError); `await cy_queue_join(loop, q)`
 * waits until every item put has been processed.  cy_queue_free cancels
 * the tasks still waiting. */
enum { CY_QUEUE_FIFO = 0, CY_QUEUE_LIFO = 1, CY_QUEUE_PRIORITY = 2 };
typedef struct cy_queue cy_queue;
cy_queue *cy_queue_new(size_t item_size, size_t maxsize, int kind,
                       int (*cmp)(const void *a, const void *b));
void cy_queue_free(cy_queue *q);
cy_task *cy_queue_put(cy_loop *loop, cy_queue *q, const void *item);
cy_task *cy_queue_get(cy_loop *loop, cy_queue *q, void *out);
int cy_queue_put_nowait(cy_queue *q, const void *item);
int cy_queue_get_nowait(cy_queue *q, void *out);
int cy_queue_task_done(cy_queue *q);
cy_task *cy_queue_join(cy_loop *loop, cy_queue *q);
size_t cy_queue_qsize(const cy_queue *q);
size_t cy_queue_maxsize(const cy_queue *q);
int cy_queue_empty(const cy_queue *q);
int cy_queue_full(const cy_queue *q);

#ifdef __cplusplus
}
#endif

#endif /* COROC_H */
