/* suspensions in an expression run first, left to right, into temporaries */
coroutine int one(void)
{
    return 1;
}

coroutine int sum(int *p)
{
    *p = await one() + 2 * await one();
    return *p;
}
