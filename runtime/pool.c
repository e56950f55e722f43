/*
 * pool.c - caller-owned pools of frames of one size.
 *
 * malloc puts a header before each block and rounds it up (a 48-byte frame
 * takes 64 bytes with glibc) and costs tens of nanoseconds a pair.  A pool
 * carves frames out of 64 KiB chunks and keeps the ones given back on a free
 * list: a frame costs its own size, and making one is a pop.  The fast
 * paths are inline in coroc_gen.h; the pool is the caller's, like a loop.
 */
#include "coroc.h"

#include <stdlib.h>
#include <string.h>

enum { CY_POOL_CHUNK = 64 * 1024 };

struct cy_pool_chunk {
    struct cy_pool_chunk *next;  /* the frames follow, suitably aligned */
};

void *cy_alloc_aligned(size_t n, size_t align)
{
    if (align < sizeof(void *))
        align = sizeof(void *);
    size_t size = (n + align - 1) & ~(align - 1); /* aligned_alloc wants a multiple */
    void *p = aligned_alloc(align, size ? size : align);
    if (p)
        memset(p, 0, size);
    return p;
}

void cy_pool_init(cy_pool *p, size_t frame_size)
{
    /* A struct's size is a multiple of its alignment, and chunks start
     * aligned for any type: frames laid end to end from there are aligned
     * as their type needs once the size is a multiple of a pointer's (the
     * free list's link lives in a free frame). */
    size_t n = frame_size < sizeof(void *) ? sizeof(void *) : frame_size;
    p->cy_size = (n + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
    p->cy_free = NULL;
    p->cy_chunks = NULL;
    p->cy_next = p->cy_end = NULL;
}

void *cy_pool_more_(cy_pool *p)
{
    if (p->cy_next && (size_t)(p->cy_end - p->cy_next) >= p->cy_size) {
        void *x = p->cy_next;
        p->cy_next += p->cy_size;
        return x;
    }
    /* Frames lie end to end from the chunk's data, so the data must be
     * aligned as the frame type is.  That alignment divides the frame's
     * size: the size's lowest set bit (up to a page) is always enough. */
    size_t align = p->cy_size & -p->cy_size;
    if (align < _Alignof(max_align_t))
        align = _Alignof(max_align_t);
    if (align > 4096)
        align = 4096;
    size_t bytes = p->cy_size > CY_POOL_CHUNK ? p->cy_size : CY_POOL_CHUNK;
    size_t head = (sizeof(struct cy_pool_chunk) + align - 1) & ~(align - 1);
    size_t total = (head + bytes + align - 1) & ~(align - 1);
    struct cy_pool_chunk *c = aligned_alloc(align, total);
    if (!c)
        return NULL;
    c->next = p->cy_chunks;
    p->cy_chunks = c;
    char *data = (char *)c + head;
    p->cy_next = data + p->cy_size;
    p->cy_end = data + bytes;
    return data;
}

void (cy_pool_free)(cy_pool *p, cy_task *t)
{
    if (!t)
        return;
    cy_task_free(t); /* cancels it if it is not done; t is not CY_F_HEAP */
    cy_pool_put(p, t);
}

void cy_pool_destroy(cy_pool *p)
{
    struct cy_pool_chunk *c = p->cy_chunks;
    while (c) {
        struct cy_pool_chunk *next = c->next;
        free(c);
        c = next;
    }
    p->cy_chunks = NULL;
    p->cy_free = NULL;
    p->cy_next = p->cy_end = NULL;
}
