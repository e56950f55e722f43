/*
 * fault.h - allocation-failure injection for the tests in tests/fault/.
 *
 * The harness links each tests/fault/NAME.cy program with fault.c and
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=aligned_alloc,
 * --wrap=free: every allocation the program and libcoroc.a make goes
 * through the wrappers of fault.c, which count them, count the blocks
 * still live, and fail the one the driver chooses.
 *
 * A scenario is a function that builds its own loop, tasks and
 * primitives, runs them, checks what it can and frees everything; it
 * returns 0, or -ENOMEM when an allocation failure reached it (anything
 * else is a failure of the test: -EDEADLK from a loop, -EPROTO for a
 * wrong result or an inconsistent primitive...).  fault_drive runs it
 *   - once with no failure: it must return 0 and make at least
 *     min_allocs allocations (so the points under test are reached);
 *   - then, for N = 1, 2, ... until a run makes fewer than N allocations,
 *     failing the N-th allocation only, and again failing the N-th and
 *     every one after it;
 * and after every run checks that no block is left (a leak) and that the
 * result is 0 or -ENOMEM.  A crash or a hang is seen by the harness (exit
 * status, timeout); ASan and valgrind see what the counts cannot.
 * It prints one line on stdout, "NAME: ok", or the failures; the counts
 * go to stderr (they change with the runtime).  Returns 0 or 1.
 *
 * The programs: tasks.cy (constructors, ring, timers, joins, regions,
 * over-aligned frames, pools), waits.cy (cy_wait, cy_gather, cy_wait_for,
 * cy_loop_wait), sync.cy (locks, semaphores, events, futures), io.cy
 * (cy_readable, cy_writable on TCP loopback and a socketpair).  A new
 * runtime part that allocates gets its own NAME.cy + NAME.out here (the
 * harness finds every .cy file of tests/fault): queues.cy and streams.cy
 * are the places for the queues and streams, with at_rest-style checks
 * as in sync.cy (empty, no waiter, still usable).
 */
#ifndef FAULT_H
#define FAULT_H

int fault_drive(const char *name, int (*scenario)(void), long min_allocs);

/* While paused (nonzero), no allocation fails: for checks a scenario
 * makes after a failed run (is the lock still usable?).  Returns the
 * previous setting. */
int fault_pause(int on);

/* Blocks allocated through the wrappers and not freed yet. */
long fault_live(void);

/* 1 once the current run has had an allocation failed. */
int fault_injected(void);

#endif
