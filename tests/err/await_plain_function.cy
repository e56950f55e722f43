/* await of a plain C function declared or defined in the file: an error,
 * not a C compiler's warning and a crash.  A function that returns a
 * pointer may return a task handle and is left alone. */
#include <stddef.h>
static int plain(int x) { return x + 1; }
extern void nothing(void);
struct point { int x, y; };
struct point where(void);
cy_task *spawn(int n);

coroutine void body(void)
{
    await plain(1);
    await nothing();
    await where();
    await spawn(2);
}
