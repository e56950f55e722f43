int helper(int n)
{
    yield;
    return n;
}
