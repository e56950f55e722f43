coroutine int f(cy_task *t)
{
    int v = await t;
    return v;
}
