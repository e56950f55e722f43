coroutine int f(void)
{
    int x = 1;
    yield;
    int x = 2;
    return x;
}
