/* A coroutine of another file, known by its prototype: before its result
 * is copied, the await checks the callee's descriptor (size and kind). */
coroutine long remote_count(int fd);

coroutine long twice(int fd)
{
    long n = await remote_count(fd);
    return 2 * n;
}
