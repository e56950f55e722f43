/* the body defines the macro that a later conditional of the body tests */
coroutine(int) void f(void)
{
#define VERBOSE 1
#if VERBOSE
    yield 1;
#endif
    yield 2;
}
