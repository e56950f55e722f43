/* await of a task handle: through cy_await, the handle stays the caller's */
coroutine void wait_for_it(cy_task *h)
{
    await h;
}
