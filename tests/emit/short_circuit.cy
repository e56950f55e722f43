/* && and || keep their order: the right side suspends only when needed */
coroutine(int, int) int gate(int a)
{
    int ok = a && (yield 1);
    int either = ok || (yield 2);
    return either;
}
