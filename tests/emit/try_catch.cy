#include <errno.h>
/* try/catch receives the error of a throw or of a failed await */
coroutine int fails(void)
{
    throw EIO;
}

coroutine int guarded(void)
{
    int r = 0;
    try {
        r = await fails();
    } catch (int err) {
        r = err;
    }
    return r;
}
