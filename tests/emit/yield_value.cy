/* coroutine(Y): each yield v hands out a value of type Y */
coroutine(int) void count(int n)
{
    for (int i = 0; i < n; i++)
        yield i * i;
}
