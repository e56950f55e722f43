coroutine(int, int) int f(void)
{
    return (int)sizeof(yield 1);
}
