/* each branch opens a brace that only the text after #endif closes */
coroutine void f(int x, int y)
{
#ifdef A
    while (x) {
#else
    while (y) {
#endif
        yield;
    }
}
