/* a loop whose condition suspends becomes for (;;) with the test inside */
coroutine int more(void)
{
    yield;
    return 0;
}

coroutine int drain(void)
{
    int n = 0;
    while (await more())
        n++;
    return n;
}
