coroutine void f(void)
{
    /* this comment never ends
    yield;
}
