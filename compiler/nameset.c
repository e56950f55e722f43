/*
 * nameset.c - a set of names: open addressing over (text, length).
 *
 * Used for typedef names (typedefs.c, the parser), the frame member names
 * of a coroutine (analysis, lowering) and the macros coroc knows.
 */
#include "cc.h"

#include <string.h>

struct NameSet {
    const char **keys;
    size_t *lens;
    void **values;      /* NULL until a value is put */
    size_t cap, count;
};

static size_t hash(const char *s, size_t n)
{
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

NameSet *nameset_new(void)
{
    NameSet *s = arena_alloc(sizeof *s);
    s->cap = 32; /* one per coroutine too: start small, grow by doubling */
    s->keys = arena_alloc(sizeof(char *) * s->cap);
    s->lens = arena_alloc(sizeof(size_t) * s->cap);
    return s;
}

bool nameset_has(const NameSet *s, const char *name, size_t len)
{
    size_t i = hash(name, len) & (s->cap - 1);
    while (s->keys[i]) {
        if (s->lens[i] == len && memcmp(s->keys[i], name, len) == 0)
            return true;
        i = (i + 1) & (s->cap - 1);
    }
    return false;
}

void nameset_add(NameSet *s, const char *name, size_t len)
{
    if (nameset_has(s, name, len))
        return;
    if ((s->count + 1) * 2 > s->cap) {
        const char **ok = s->keys;
        size_t *ol = s->lens, oc = s->cap;
        s->cap *= 2;
        s->keys = arena_alloc(sizeof(char *) * s->cap);
        s->lens = arena_alloc(sizeof(size_t) * s->cap);
        void **ov = s->values;
        s->values = NULL;
        s->count = 0;
        for (size_t i = 0; i < oc; i++)
            if (ok[i]) {
                nameset_add(s, ok[i], ol[i]);
                if (ov && ov[i])
                    nameset_put(s, ok[i], ol[i], ov[i]);
            }
    }
    size_t i = hash(name, len) & (s->cap - 1);
    while (s->keys[i])
        i = (i + 1) & (s->cap - 1);
    s->keys[i] = arena_strndup(name, len);
    s->lens[i] = len;
    s->count++;
}

static size_t slot_of(const NameSet *s, const char *name, size_t len)
{
    size_t i = hash(name, len) & (s->cap - 1);
    while (s->keys[i] && !(s->lens[i] == len && memcmp(s->keys[i], name, len) == 0))
        i = (i + 1) & (s->cap - 1);
    return i;
}

void nameset_put(NameSet *s, const char *name, size_t len, void *value)
{
    nameset_add(s, name, len);
    if (!s->values)
        s->values = arena_alloc(sizeof(void *) * s->cap);
    s->values[slot_of(s, name, len)] = value;
}

void *nameset_get(const NameSet *s, const char *name, size_t len)
{
    if (!s->values)
        return NULL;
    size_t i = slot_of(s, name, len);
    return s->keys[i] ? s->values[i] : NULL;
}
