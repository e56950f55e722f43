coroutine int f(void)
{
    int x = 1
    yield;
    return x;
}
