/* ?: with a suspension in a branch becomes an if */
coroutine(int, int) int pick(int c)
{
    return c ? (yield 1) : (yield 2);
}
