/* The value of an await of a function coroc knows nothing of (declared
 * in no coroutine prototype of the file or its headers, and no plain
 * function of the file): it is taken as a task handle, which has no value. */
extern cy_task *make_task(int n);

coroutine int f(void)
{
    return await make_task(2);
}
