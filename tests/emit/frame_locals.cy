/* only what lives across a suspension goes into the frame; sibling scopes
 * share storage in a union */
coroutine int locals(int a)
{
    int before = a * 2;     /* read after the yield: in the frame */
    int dead = a + 1;       /* not: a C local of the resume function */
    (void)dead;
    {
        int x = before;
        yield;
        before += x;
    }
    {
        long y = before;
        yield;
        before += (int)y;
    }
    return before;
}
