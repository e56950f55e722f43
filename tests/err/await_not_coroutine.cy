int plain(int x) { return x; }
coroutine int f(void)
{
    return await plain(2);
}
