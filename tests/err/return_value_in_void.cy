coroutine void f(void)
{
    yield;
    return 3;
}
