coroutine void ticker(void)
{
    for (int i = 0; i < 3; i++)
        yield i;
}
