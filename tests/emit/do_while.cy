/* do ... while with a suspending condition */
coroutine(int, int) int until(void)
{
    int n = 0;
    do {
        n++;
    } while ((yield n) != 0);
    return n;
}
