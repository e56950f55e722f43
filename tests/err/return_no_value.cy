coroutine int f(int n)
{
    if (n)
        return;
    yield;
    return 2;
}
