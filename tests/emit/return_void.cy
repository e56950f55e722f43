/* a void coroutine: return; ends it */
coroutine void stop_early(int n)
{
    if (n == 0)
        return;
    yield;
}
