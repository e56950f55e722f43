/* a suspension in an if condition is lowered before the if */
coroutine(int, int) int ask(void)
{
    if ((yield 1) > 0)
        return 1;
    else
        return 0;
}
