/* a struct result, shared with the locals' storage */
struct pair { int a, b; };

coroutine struct pair make(int x)
{
    int y = x + 1;
    yield;
    return (struct pair){ x, y };
}
