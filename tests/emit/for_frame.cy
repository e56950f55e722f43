/* a for whose counter lives in the frame; continue in a lowered loop */
coroutine(int, int) void steps(int n)
{
    for (int i = 0; i < n; i++) {
        if (i == 2)
            continue;
        yield i;
    }
    for (int k = 0; (yield k) < n; k++)
        if (k == 1)
            continue;
}
