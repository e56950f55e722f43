/* coroutine(Y, R): x = yield v; receives what is sent */
coroutine(double, double) double averager(void)
{
    double total = 0, average = 0;
    int n = 0;
    for (;;) {
        double x = yield average;
        if (x < 0)
            break;
        total += x;
        n++;
        average = total / n;
    }
    return average;
}
