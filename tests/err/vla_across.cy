coroutine void f(int n)
{
    char buf[n];
    buf[0] = 0;
    yield;
    (void)buf;
}
