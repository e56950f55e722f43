coroutine int child(void) { return 1; }

int main(void)
{
    int v = await child();
    return v;
}
