coroutine int f(int i)
{
    int *e = &((int[]){1, 2, 3})[i];
    yield;
    return *e;
}
