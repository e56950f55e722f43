coroutine int f(void)
{
    enum { LOW, HIGH } level = HIGH;
    struct point { int x; } p = { 5 };
    struct { int a; } fine = { 1 };
    yield;
    return level + p.x + fine.a;
}
