/* arrays and structs with initialisers, kept in the frame */
struct pt { int x, y; };

coroutine int arrays(void)
{
    int a[3] = { 1, 2, 3 };
    struct pt p = { .x = 4, .y = 5 };
    const char *names[] = { "x", "y" };
    yield;
    return a[2] + p.y + (int)sizeof names / (int)sizeof names[0];
}
