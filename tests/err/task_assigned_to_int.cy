/* A task handle assigned to an int: the value is what await gives. */
coroutine int compute(int x) { yield; return 2 * x; }
coroutine void job(void) { yield; }

coroutine int body(long w)
{
    int v = compute(21);
    w = compute(2);
    double d = job();
    cy_task *t = compute(3);
    cy_task_free(t);
    return v + (int)w + (int)d;
}
