/* nested macros that double their argument: one use past 2^18 tokens */
#define A(x) x x x x
#define B(x) A(A(A(A(x))))
#define C(x) B(B(B(x)))
coroutine(int) int f(void)
{
    int n = 0;
    C(yield n;)
    return n;
}
