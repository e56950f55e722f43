struct pt { int x, y; };
coroutine int f(void)
{
    int *a = (int[]){1, 2, 3};
    struct pt *p = &(struct pt){40, 50};
    struct pt q = (struct pt){1, 2};     /* by value: fine */
    yield;
    return a[0] + p->x + q.y;
}
