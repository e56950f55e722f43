/* a coroutine awaiting itself takes its children's frames from a region */
coroutine int fib(int n)
{
    if (n < 2)
        return n;
    return await fib(n - 1) + await fib(n - 2);
}
