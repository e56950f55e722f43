/* two heads for one body: the conditional cuts through the definition */
#ifdef A
coroutine void f(void) {
#else
coroutine void f(int x) {
#endif
    yield;
}
