coroutine void f(void)
{
#ifdef DEBUG
    yield;
#endif
}
