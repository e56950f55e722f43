/*
 * debug.c - where tasks stand: the .cy line of a frame's resume point
 * (from its descriptor's cy_file and cy_lines, which coroc writes), the
 * tasks a loop holds (asyncio's all_tasks()), and a dump of them with
 * their chains of awaiting frames (Task.print_stack()).
 *
 * Nothing here costs the loop anything while it runs: the loop keeps no
 * list of its tasks.  The ready ones are in its ring; every parked one is
 * reachable from its timer heap or its waiter table (cy_loop_close
 * cancels them from there), so they are found by walking those.
 */
#include "coroc.h"
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

unsigned cy_task_line(const cy_task *t, const char **file)
{
    if (file)
        *file = NULL;
    if (!t || !t->desc || !t->desc->cy_lines || t->status >= CY_FINISHED ||
        t->state >= t->desc->cy_nlines)
        return 0;
    if (file)
        *file = t->desc->cy_file;
    return t->desc->cy_lines[t->state];
}

/* "name at file:line", or "name" for a frame without a position. */
static int where(const cy_task *t, char *buf, size_t size)
{
    const char *file;
    unsigned line = cy_task_line(t, &file);
    const char *name = t->desc && t->desc->name ? t->desc->name : "?";
    if (!line)
        return snprintf(buf, size, "%s", name);
    return snprintf(buf, size, "%s at %s:%u", name, file ? file : "?", line);
}

int cy_task_where(const cy_task *t, char *buf, size_t size)
{
    if (!t) {
        if (size)
            buf[0] = '\0';
        return -EINVAL;
    }
    return where(t, buf, size);
}

/* ---- the tasks of a loop ---- */

static int by_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (cy_task *const *)a, y = (uintptr_t) * (cy_task *const *)b;
    return x < y ? -1 : x > y;
}

/* Parked tasks in an order that does not depend on addresses: by name,
 * then by line (the address breaks ties). */
static int by_position(const void *a, const void *b)
{
    const cy_task *x = *(cy_task *const *)a, *y = *(cy_task *const *)b;
    int c = strcmp(cy_task_name(x), cy_task_name(y));
    if (c)
        return c;
    unsigned lx = cy_task_line(x, NULL), ly = cy_task_line(y, NULL);
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return by_address(a, b);
}

int cy_loop_all_tasks(const cy_loop *loop, cy_task ***tasks, size_t *n)
{
    if (!loop || !tasks || !n)
        return -EINVAL;
    *tasks = NULL;
    *n = 0;
    size_t cap = loop->count + loop->ntimers;
    for (size_t i = 0; i < loop->wcap; i++)
        if (loop->wslots[i].key)
            for (const cy_waiter_ *w = loop->wslots[i].head; w; w = w->next)
                cap++;
    if (!cap)
        return 0;
    cy_task **v = malloc(cap * sizeof *v);
    if (!v)
        return -ENOMEM;
    size_t len = cy_loop_ready_(loop, v);
    size_t ready = len;
    for (size_t i = 0; i < loop->ntimers; i++)
        v[len++] = loop->timers[i]->root;
    for (size_t i = 0; i < loop->wcap; i++)
        if (loop->wslots[i].key)
            for (const cy_waiter_ *w = loop->wslots[i].head; w; w = w->next)
                v[len++] = w->root;
    /* a parked task can hold a timer and several waiters: once each */
    qsort(v + ready, len - ready, sizeof *v, by_address);
    size_t out = ready;
    for (size_t i = ready; i < len; i++)
        if (i == ready || v[i] != v[i - 1])
            v[out++] = v[i];
    qsort(v + ready, out - ready, sizeof *v, by_position);
    *tasks = v;
    *n = out;
    return 0;
}

/* What a waiting root awaits besides its own frames: the tasks its joins
 * wait for (the waiter table's keys that are not the root's innermost
 * frame). */
static void put_awaited(const cy_loop *loop, const cy_task *root, FILE *out)
{
    for (size_t i = 0; i < loop->wcap; i++) {
        const cy_task *key = loop->wslots[i].key;
        if (!key || key == root->link)
            continue;
        for (const cy_waiter_ *w = loop->wslots[i].head; w; w = w->next)
            if (w->root == root) {
                fprintf(out, " '%s'", cy_task_name(key));
                break;
            }
    }
}

/* One task: its status, ready or waiting, and its frames from the root to
 * the innermost, each with its position. */
static int dump_task(const cy_loop *loop, const cy_task *t, int ready, FILE *out)
{
    size_t depth = 1;
    for (const cy_task *f = t->link; f != t; f = f->link)
        depth++;
    const cy_task **chain = malloc(depth * sizeof *chain);
    if (!chain)
        return -ENOMEM;
    /* innermost first, then reversed */
    size_t k = 0;
    const cy_task *f = t->link;
    for (; f != t; f = f->link)
        chain[k++] = f;
    chain[k++] = t;
    fprintf(out, "  [%s] %s:", cy_status_name(t->status), ready ? "ready" : "waiting");
    for (size_t i = k; i-- > 0;) {
        char text[256]; /* a longer name or path is cut */
        where(chain[i], text, sizeof text);
        fprintf(out, "%s%s", i + 1 == k ? " " : " > ", text);
    }
    if (!ready)
        put_awaited(loop, t, out);
    fputc('\n', out);
    free(chain);
    return 0;
}

int cy_loop_dump(const cy_loop *loop, void *file)
{
    FILE *out = file;
    if (!loop || !out)
        return -EINVAL;
    cy_task **v;
    size_t n;
    int rc = cy_loop_all_tasks(loop, &v, &n);
    if (rc)
        return rc;
    size_t ready = loop->count < n ? loop->count : n;
    fprintf(out, "loop: %zu task%s, %zu ready, %zu waiting\n", n, n == 1 ? "" : "s", ready,
            n - ready);
    for (size_t i = 0; i < n && !rc; i++)
        rc = dump_task(loop, v[i], i < ready, out);
    free(v);
    if (!rc && ferror(out))
        rc = -EIO;
    return rc;
}
