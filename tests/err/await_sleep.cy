/* await of a plain function a header declares, such as sleep(3), which
 * would block the loop and return an unsigned int, not a task. */
#include <unistd.h>

coroutine void nap(void)
{
    await sleep(1);
}
