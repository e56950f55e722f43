/* a callee defined later: its frame is allocated by its constructor */
coroutine int later(int a);

coroutine int caller(void)
{
    return await later(5) + 1;
}

coroutine int later(int a)
{
    yield;
    return a;
}
