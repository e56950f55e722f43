/*
 * arena.c - one bump allocator for the whole run.
 *
 * Everything the compiler allocates (tokens, nodes, strings) lives until
 * the output is written, so nothing is freed one by one: blocks are
 * released together by arena_free_all().
 */
#include "cc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct Block {
    struct Block *next;
    size_t used, size;
    max_align_t data[];
} Block;

static Block *blocks;

void *arena_alloc(size_t n)
{
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (!blocks || blocks->size - blocks->used < n) {
        size_t size = n > (1u << 20) ? n : (1u << 20);
        Block *b = malloc(sizeof(Block) + size);
        if (!b)
            fatal("out of memory");
        b->next = blocks;
        b->used = 0;
        b->size = size;
        blocks = b;
    }
    void *p = (char *)blocks->data + blocks->used;
    blocks->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(const char *s, size_t n)
{
    char *p = arena_alloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_printf(const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = arena_alloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, aq);
    va_end(aq);
    return p;
}

void arena_free_all(void)
{
    while (blocks) {
        Block *next = blocks->next;
        free(blocks);
        blocks = next;
    }
}

void vec_push(Vec *v, void *p)
{
    if (v->len == v->cap) {
        int ncap = v->cap ? v->cap * 2 : 8;
        void **n = arena_alloc(sizeof(void *) * (size_t)ncap);
        if (v->len)
            memcpy(n, v->data, sizeof(void *) * (size_t)v->len);
        v->data = n;
        v->cap = ncap;
    }
    v->data[v->len++] = p;
}
