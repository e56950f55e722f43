/* one declaration, several objects, some in the frame */
coroutine int decls(int p)
{
    int x = p, y = 2, z = x + y;
    yield;
    return x + z;
}
