/* a conditional inside an expression */
coroutine(int) void f(int x)
{
    int v = x
#ifdef EXTRA
        + 2
#endif
        ;
    yield v;
}
