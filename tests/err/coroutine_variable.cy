coroutine int counter;
