coroutine int f(void)
{
    typedef int count_t;
    struct pair { int a, b; };
    count_t n = 1;
    struct pair p = { 1, 2 };
    yield;
    return n + p.a;
}
