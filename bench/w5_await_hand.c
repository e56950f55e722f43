/* W5 await, hand-written C: one malloc'ed frame per call, a parent link in
 * each frame, a trampoline driver (no C recursion): resume returns the child
 * to run next, or NULL when the frame has its result and its parent should
 * continue. */
#include "bench.h"

struct fib {
    struct fib *parent;
    int state;
    int n, a;
    int result;
};

static struct fib *fib_new(int n, struct fib *parent)
{
    struct fib *f = malloc(sizeof *f);
    if (!f)
        abort();
    f->parent = parent;
    f->state = 0;
    f->n = n;
    return f;
}

/* child to run next, or NULL: f->result is set */
static struct fib *fib_resume(struct fib *f, struct fib *done_child)
{
    switch (f->state) {
    case 0:
        if (f->n < 2) {
            f->result = f->n;
            return NULL;
        }
        f->state = 1;
        return fib_new(f->n - 1, f);
    case 1:
        f->a = done_child->result;
        free(done_child);
        f->state = 2;
        return fib_new(f->n - 2, f);
    default:
        f->result = f->a + done_child->result;
        free(done_child);
        return NULL;
    }
}

static int run(struct fib *root)
{
    struct fib *cur = root, *done = NULL;
    for (;;) {
        struct fib *next = fib_resume(cur, done);
        if (next) {
            cur = next;
            done = NULL;
        } else if (cur->parent) {
            done = cur;
            cur = cur->parent;
        } else {
            return cur->result;
        }
    }
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 27);
    unsigned long long f0 = 0, f1 = 1;
    for (int i = 0; i < n; i++) {
        unsigned long long f2 = f0 + f1;
        f0 = f1;
        f1 = f2;
    }
    double calls = 2.0 * (double)f1 - 1.0;
    double t0 = bench_now_ns();
    struct fib *root = fib_new(n, NULL);
    int r = run(root);
    free(root);
    double t1 = bench_now_ns();
    bench_checksum((unsigned long long)r);
    bench_metric("await", (t1 - t0) / calls, "ns/call");
    return 0;
}
