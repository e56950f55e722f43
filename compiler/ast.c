/*
 * ast.c - walking the parse tree: the children of a node in source order.
 */
#include "cc.h"

#include <stdlib.h>
#include <string.h>



void kids_init(Kids *v)
{
    v->data = v->local;
    v->len = 0;
    v->cap = 16;
}

void kids_push(Kids *v, Node *n)
{
    if (!n)
        return;
    if (v->len == v->cap) {
        int ncap = v->cap * 2;
        Node **d = malloc(sizeof(Node *) * (size_t)ncap);
        if (!d)
            fatal("out of memory");
        memcpy(d, v->data, sizeof(Node *) * (size_t)v->len);
        if (v->data != v->local)
            free(v->data);
        v->data = d;
        v->cap = ncap;
    }
    v->data[v->len++] = n;
}

void kids_free(Kids *v)
{
    if (v->data != v->local)
        free(v->data);
}

void node_children(Node *n, Kids *v)
{
    v->data = v->local;
    v->len = 0;
    v->cap = 16;
    switch (n->kind) {
    case N_DECL:
        for (int i = 0; i < n->decls.len; i++) {
            Decl *d = n->decls.data[i];
            for (int k = 0; k < d->dkids.len; k++)
                kids_push(v, d->dkids.data[k]);
            kids_push(v, d->init);
        }
        break;
    case N_FOR:
        kids_push(v, n->init);
        kids_push(v, n->cond);
        kids_push(v, n->step);
        kids_push(v, n->body);
        break;
    case N_DO:
        kids_push(v, n->body);
        for (int i = 0; i < n->kids.len; i++)
            kids_push(v, n->kids.data[i]);
        break;
    case N_STMTEXPR:
        kids_push(v, n->body);
        break;
    default:
        for (int i = 0; i < n->kids.len; i++)
            kids_push(v, n->kids.data[i]);
        kids_push(v, n->body);
        kids_push(v, n->els);
        break;
    }
    /* insertion sort by position */
    for (int i = 1; i < v->len; i++) {
        Node *x = v->data[i];
        int j = i - 1;
        while (j >= 0 && v->data[j]->first > x->first) {
            v->data[j + 1] = v->data[j];
            j--;
        }
        v->data[j + 1] = x;
    }
}


bool is_func_name(const Source *src, const Token *t)
{
    const char *s = tok_text(src, t);
    int n = tok_len(t);
    return (n == 8 && !memcmp(s, "__func__", 8)) || (n == 12 && !memcmp(s, "__FUNCTION__", 12)) ||
           (n == 19 && !memcmp(s, "__PRETTY_FUNCTION__", 19));
}
