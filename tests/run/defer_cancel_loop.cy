/* issue 10: a lock held in a block with a defer of its release, on a loop:
 * cancelled while sleeping inside the block (a runtime wait), the holder
 * releases it, and the waiter gets it; a holder that leaves the block by
 * a failure (throw) and one that leaves it normally release it too.
 * Virtual time: the loop jumps from timer to timer.  The expected output
 * was checked line by line against this reasoning: a holds from 0; at 2
 * its cancellation releases, which hands the lock to b (locked stays 1);
 * b fails at 7 and hands it to c; c releases at 12 with no waiter. */
#include <stdio.h>

static cy_lock L = CY_LOCK_INIT;

coroutine void holder(cy_loop *loop, const char *name, int how)
{
    printf("%s starts\n", name);
    {
        await cy_lock_acquire(loop, &L);
        defer printf("%s releases (locked=%d)\n", name, cy_lock_locked(&L));
        defer cy_lock_release(&L);
        printf("%s holds the lock at %g\n", name, cy_loop_time(loop));
        await cy_sleep(loop, 5);
        if (how == 1)
            throw EIO;
        printf("%s done sleeping at %g\n", name, cy_loop_time(loop));
    }
    printf("%s after the block\n", name);
}

coroutine void boss(cy_loop *loop)
{
    cy_task *a = holder(loop, "a", 0);
    cy_task *b = holder(loop, "b", 1);
    cy_task *c = holder(loop, "c", 2);
    defer { cy_task_free(a); cy_task_free(b); cy_task_free(c); }
    if (!a || !b || !c || cy_loop_launch(loop, a) || cy_loop_launch(loop, b) ||
        cy_loop_launch(loop, c))
        throw ENOMEM;
    await cy_sleep(loop, 2);
    printf("boss cancels a at %g (b waits: locked=%d)\n", cy_loop_time(loop), cy_lock_locked(&L));
    cy_task_cancel(a);
    await cy_sleep(loop, 20);
    printf("a %s, b %s %d, c %s\n", cy_status_name(cy_task_status(a)),
           cy_status_name(cy_task_status(b)), cy_task_error(b),
           cy_status_name(cy_task_status(c)));
}

int main(void)
{
    cy_loop loop;
    if (cy_loop_init(&loop) || cy_loop_set_virtual_time(&loop, 1))
        return 1;
    cy_task *t = boss(&loop);
    int rc = t ? cy_loop_run_until_complete(&loop, t) : -1;
    printf("rc=%d boss %s, lock free=%d\n", rc, cy_status_name(cy_task_status(t)), !cy_lock_locked(&L));
    cy_task_free(t);
    cy_loop_close(&loop);
    return 0;
}
