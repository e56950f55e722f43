/* a conditional that holds the head of an if but not its statement */
coroutine void f(int x)
{
#ifdef STRICT
    if (x > 0)
#endif
        yield;
}
