/* the #endif of a conditional in the body lies after the coroutine */
coroutine void f(void)
{
#ifdef A
    yield;
}
#endif
