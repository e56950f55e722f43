/* a conditional in the parameter list */
coroutine void f(
#ifdef A
    int a
#else
    void
#endif
)
{
    yield;
}
