/* a callee defined earlier: its frame is embedded, and it runs inline */
coroutine int add(int a, int b)
{
    return a + b;
}

coroutine int caller(void)
{
    int x = await add(1, 2);
    return x * 10;
}
