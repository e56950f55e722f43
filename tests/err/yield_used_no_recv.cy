coroutine(int) void echo(void)
{
    int got = yield 1;
    (void)got;
}
