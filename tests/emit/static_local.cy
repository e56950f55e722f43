/* a static local stays static: it is shared by every task */
coroutine int counter(void)
{
    static int calls;
    calls++;
    yield;
    return calls;
}
