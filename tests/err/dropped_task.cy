/* A call of a coroutine as a statement makes a task and drops it: it never
 * runs and its frame leaks (Python's "coroutine ... was never awaited").
 * Warned in coroutines and in plain functions; (void) and a kept handle
 * are not.  The last line is an error, so that the run fails and this
 * test can compare what it printed. */
coroutine void work(int n) { yield; (void)n; }

coroutine void body(void)
{
    work(1);
    if (1)
        work(2);
    (void)work(3);
    await work(4);
}

int main(void)
{
    work(5);
    while (0)
        work(6);
    cy_task *kept = work(7);
    cy_task_free(kept);
    return 0;
}

coroutine void last(void) { return 1; }
