coroutine void f(void)
{
    yield;
