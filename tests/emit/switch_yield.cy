/* yield inside a switch, across cases, with fallthrough */
coroutine(int) void machine(int state)
{
    switch (state) {
    case 0:
        yield 10;
        /* fallthrough */
    case 1:
        yield 11;
        break;
    default:
        yield 99;
    }
}
