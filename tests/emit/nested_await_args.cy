/* an await as an argument of an await: inner first */
coroutine int twice(int v)
{
    return 2 * v;
}

coroutine int quad(int v)
{
    return await twice(await twice(v));
}
