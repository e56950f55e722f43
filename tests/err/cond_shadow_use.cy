/* a local declared in one branch shadows an outer one: after the #endif,
 * the name means one or the other depending on the configuration */
coroutine(int) void f(int x)
{
    int step = 1;
    {
#ifdef FAST
        int step = 2;
#endif
        yield step;
        yield step + x;
    }
}
