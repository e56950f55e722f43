/* a branch closes a brace opened before the #ifdef */
coroutine void f(int x)
{
    if (x) {
        yield;
#ifdef A
    } else {
#endif
        yield;
    }
}
