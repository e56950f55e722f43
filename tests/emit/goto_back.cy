/* a goto back keeps its block's locals alive across suspensions */
coroutine(int) void again(void)
{
    int i = 0;
again:
    yield i;
    if (++i < 3)
        goto again;
}
