coroutine void f(int n, ...)
{
    yield;
}
