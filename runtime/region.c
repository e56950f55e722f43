/*
 * region.c - LIFO memory for the frames of recursive awaits.
 *
 * The frames a coroutine awaits are strictly nested in time: a child is
 * done before its parent goes on.  A coroutine that awaits itself takes its
 * children's frames from a stack of chunks (a region) that the outermost
 * frame owns, instead of calling malloc for each call.  The fast paths,
 * a bump and a pop, are inline in coroc_gen.h.
 */
#include "coroc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { CY_REGION_CHUNK = 64 * 1024 };

struct cy_region_chunk {
    struct cy_region_chunk *prev;
    char *end;
    char *prev_top;        /* the previous chunk's top when this one began */
    max_align_t data[];
};

static struct cy_region_chunk *chunk_new(size_t n)
{
    size_t size = n > CY_REGION_CHUNK ? n : CY_REGION_CHUNK;
    struct cy_region_chunk *c = malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->prev = NULL;
    c->end = (char *)c->data + size;
    c->prev_top = NULL;
    return c;
}

cy_region *cy_region_new(cy_task *owner)
{
    cy_region *r = malloc(sizeof *r);
    struct cy_region_chunk *c = chunk_new(0);
    if (!r || !c) {
        free(r);
        free(c);
        return NULL;
    }
    r->cy_chunk = c;
    r->cy_spare = NULL;
    r->cy_base = r->cy_top = (char *)c->data;
    r->cy_end = c->end;
    r->cy_owner = owner;
    r->depth = 0;
    return r;
}

void *cy_region_alloc_slow_(cy_region *r, size_t n)
{
    struct cy_region_chunk *c = r->cy_spare;
    if (c && (size_t)(c->end - (char *)c->data) >= n) {
        r->cy_spare = NULL;
    } else {
        c = chunk_new(n);
        if (!c)
            return NULL;
    }
    c->prev = r->cy_chunk;
    c->prev_top = r->cy_top;
    r->cy_chunk = c;
    r->cy_base = (char *)c->data;
    r->cy_top = r->cy_base + n;
    r->cy_end = c->end;
    return c->data;
}

void cy_region_pop_slow_(cy_region *r)
{
    /* the current chunk is empty: back to the previous one, keeping this
     * one as a spare so that a call depth that oscillates across the chunk
     * boundary does not malloc and free each time */
    struct cy_region_chunk *c = r->cy_chunk;
    if (!c->prev)
        return;
    free(r->cy_spare);
    r->cy_spare = c;
    r->cy_chunk = c->prev;
    r->cy_base = (char *)r->cy_chunk->data;
    r->cy_top = c->prev_top;
    r->cy_end = r->cy_chunk->end;
}

void cy_region_free_(cy_region *r)
{
    struct cy_region_chunk *c = r->cy_chunk;
    while (c) {
        struct cy_region_chunk *prev = c->prev;
        free(c);
        c = prev;
    }
    free(r->cy_spare);
    free(r);
}
